namespace Qec.Core.Codes;

/// <summary>The text formats of a parity-check matrix that <see cref="ParityCheckFile"/> reads.</summary>
public enum ParityCheckFormat
{
    /// <summary>One line per check (row), one '0'/'1' per qubit (column); spaces, tabs or commas may separate entries; blank lines and lines starting with '#' are ignored.</summary>
    Plain,

    /// <summary>MacKay's alist format (http://www.inference.org.uk/mackay/codes/alist.html); see <see cref="ParityCheckFile"/>.</summary>
    Alist,
}

namespace Qec.Core.Formats;

/// <summary>
/// Text that cannot be read: names the source, the 1-based line and column, and what was expected.
/// The message reads <c>source:line:column: what is wrong</c>. Each text format has its own subclass
/// (<see cref="Dem.DemFormatException"/>, <see cref="Codes.ParityCheckFormatException"/>), so a caller
/// can catch one format's errors or all of them.
/// </summary>
public abstract class SourceFormatException : FormatException
{
    /// <summary>Creates the error for a position in a named source.</summary>
    protected SourceFormatException(string sourceName, int line, int column, string problem)
        : base($"{sourceName}:{line}:{column}: {problem}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>File name (or <c>&lt;string&gt;</c>) the text came from.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column (in UTF-16 characters) of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}

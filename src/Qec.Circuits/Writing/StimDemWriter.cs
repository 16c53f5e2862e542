using System.Globalization;
using Qec.Core.Dem;

namespace Qec.Circuits.Writing;

/// <summary>
/// Writes a detector error model byte for byte as Stim's command line does
/// (<c>stim analyze_errors</c>): numbers as C's <c>%.19g</c> (Stim streams doubles with precision
/// <c>numeric_limits&lt;long double&gt;::digits10 + 1</c> = 19 on x86-64), instructions one per line,
/// repeat bodies indented by 4 spaces, a final newline (a lone newline for an empty model). Qec.Core's own writer prints the shortest
/// round-trip form by default, which reads back to the same doubles but differs in bytes; both share
/// Qec.Core's DemWriter, this one passing <see cref="FormatNumber"/>.
/// </summary>
public static class StimDemWriter
{
    /// <summary>The model as Stim's text.</summary>
    public static string ToText(DetectorErrorModel model)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(model, writer);
        return writer.ToString();
    }

    /// <summary>Writes the model as Stim's text, ending with a newline.</summary>
    public static void Write(DetectorErrorModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        if (model.Instructions.IsEmpty)
        {
            // Stim prints the (empty) model and then a newline.
            writer.Write('\n');
            return;
        }
        DemWriter.Write(model.Instructions, writer, 0, FormatNumber);
    }

    /// <summary>A double as C's <c>printf("%.19g")</c> writes it.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        // .NET's G formatting gives the correctly rounded significant digits, drops trailing zeros and
        // switches to an exponent of at least two digits under the same rule as %g.
        return value.ToString("G19", CultureInfo.InvariantCulture).Replace('E', 'e');
    }
}

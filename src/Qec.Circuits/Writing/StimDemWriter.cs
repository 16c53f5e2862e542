using System.Globalization;
using System.Text;
using Qec.Core.Dem;

namespace Qec.Circuits.Writing;

/// <summary>
/// Writes a detector error model byte for byte as Stim's command line does
/// (<c>stim analyze_errors</c>): numbers as C's <c>%.19g</c> (Stim streams doubles with precision
/// <c>numeric_limits&lt;long double&gt;::digits10 + 1</c> = 19 on x86-64), instructions one per line,
/// repeat bodies indented by 4 spaces, a final newline (a lone newline for an empty model). Qec.Core's own writer prints the shortest
/// round-trip form instead, which reads back to the same doubles but differs in bytes.
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
        var line = new StringBuilder();
        Write(model.Instructions, writer, line, 0);
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

    private static void Write(System.Collections.Immutable.ImmutableArray<DemInstruction> block, TextWriter writer, StringBuilder line, int depth)
    {
        foreach (var instruction in block)
        {
            line.Clear().Append(' ', 4 * depth);
            switch (instruction)
            {
                case DemError e:
                    Head(line, "error", e.Tag, [e.Probability]);
                    Targets(line, e.Targets);
                    break;
                case DemDetector d:
                    Head(line, "detector", d.Tag, d.Coordinates.AsSpan());
                    Targets(line, d.Targets);
                    break;
                case DemLogicalObservable l:
                    Head(line, "logical_observable", l.Tag, []);
                    Targets(line, l.Targets);
                    break;
                case DemShiftDetectors s:
                    Head(line, "shift_detectors", s.Tag, s.CoordinateShift.AsSpan());
                    line.Append(' ').Append(s.DetectorShift.ToString(CultureInfo.InvariantCulture));
                    break;
                case DemRepeat r:
                    Head(line, "repeat", r.Tag, []);
                    line.Append(' ').Append(r.Count.ToString(CultureInfo.InvariantCulture)).Append(" {\n");
                    writer.Write(line);
                    Write(r.Body, writer, line, depth + 1);
                    line.Clear().Append(' ', 4 * depth).Append('}');
                    break;
                default:
                    throw new InvalidOperationException($"unknown DEM instruction {instruction.GetType().Name}");
            }
            writer.Write(line.Append('\n'));
        }
    }

    private static void Head(StringBuilder line, string name, string tag, ReadOnlySpan<double> args)
    {
        line.Append(name);
        if (tag.Length > 0)
        {
            line.Append('[');
            foreach (char c in tag)
            {
                switch (c)
                {
                    case ']': line.Append(@"\C"); break;
                    case '\\': line.Append(@"\B"); break;
                    case '\r': line.Append(@"\r"); break;
                    case '\n': line.Append(@"\n"); break;
                    default: line.Append(c); break;
                }
            }
            line.Append(']');
        }
        if (args.Length > 0)
        {
            line.Append('(');
            for (int i = 0; i < args.Length; i++)
            {
                line.Append(i == 0 ? "" : ", ").Append(FormatNumber(args[i]));
            }
            line.Append(')');
        }
    }

    private static void Targets(StringBuilder line, System.Collections.Immutable.ImmutableArray<DemTarget> targets)
    {
        foreach (var t in targets)
        {
            line.Append(' ').Append(t.ToString());
        }
    }
}

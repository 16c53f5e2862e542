using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Qec.Core.Dem;

/// <summary>Writes instructions back to Stim's text format (4-space indent inside repeat blocks).</summary>
internal static class DemWriter
{
    /// <param name="block">The instructions.</param>
    /// <param name="writer">Where the text goes.</param>
    /// <param name="depth">Repeat-block nesting of <paramref name="block"/>.</param>
    /// <param name="formatNumber">How numbers are printed: <see cref="FormatNumber"/> (shortest round trip) by default;
    /// Qec.Circuits passes Stim's <c>%.19g</c> to reproduce Stim's bytes.</param>
    public static void Write(ImmutableArray<DemInstruction> block, TextWriter writer, int depth = 0, Func<double, string>? formatNumber = null)
    {
        formatNumber ??= FormatNumber;
        var line = new StringBuilder();
        foreach (var instruction in block)
        {
            line.Clear();
            line.Append(' ', 4 * depth);
            switch (instruction)
            {
                case DemError e:
                    Head(line, "error", e.Tag, [e.Probability], formatNumber);
                    Targets(line, e.Targets);
                    break;
                case DemDetector d:
                    Head(line, "detector", d.Tag, d.Coordinates.AsSpan(), formatNumber);
                    Targets(line, d.Targets);
                    break;
                case DemLogicalObservable l:
                    Head(line, "logical_observable", l.Tag, [], formatNumber);
                    Targets(line, l.Targets);
                    break;
                case DemShiftDetectors s:
                    Head(line, "shift_detectors", s.Tag, s.CoordinateShift.AsSpan(), formatNumber);
                    line.Append(' ').Append(s.DetectorShift.ToString(CultureInfo.InvariantCulture));
                    break;
                case DemRepeat r:
                    Head(line, "repeat", r.Tag, [], formatNumber);
                    line.Append(' ').Append(r.Count.ToString(CultureInfo.InvariantCulture)).Append(" {");
                    writer.Write(line.Append('\n'));
                    Write(r.Body, writer, depth + 1, formatNumber);
                    line.Clear().Append(' ', 4 * depth).Append('}');
                    break;
                default:
                    throw new InvalidOperationException($"unknown DEM instruction {instruction.GetType().Name}");
            }
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>Formats a number the shortest way that reads back to the same double.</summary>
    public static string FormatNumber(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static void Head(StringBuilder line, string name, string tag, ReadOnlySpan<double> args, Func<double, string> formatNumber)
    {
        line.Append(name);
        if (tag.Length > 0)
        {
            line.Append('[');
            foreach (char c in tag)
            {
                line.Append(c switch
                {
                    ']' => @"\C",
                    '\\' => @"\B",
                    '\r' => @"\r",
                    '\n' => @"\n",
                    _ => c.ToString(),
                });
            }
            line.Append(']');
        }
        if (args.Length > 0)
        {
            line.Append('(');
            for (int i = 0; i < args.Length; i++)
            {
                line.Append(i == 0 ? "" : ", ").Append(formatNumber(args[i]));
            }
            line.Append(')');
        }
    }

    private static void Targets(StringBuilder line, ImmutableArray<DemTarget> targets)
    {
        foreach (var t in targets)
        {
            line.Append(' ').Append(t.ToString());
        }
    }
}

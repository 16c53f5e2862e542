using Qec.Core.Algebra;

namespace Qec.Core.Codes;

/// <summary>
/// Reads the plain parity-check format (<see cref="ParityCheckFormat.Plain"/>): one row per content
/// line, entries '0'/'1' with optional spaces, tabs or commas between them. The first row fixes the
/// width unless one is expected from outside; every later row must match it.
/// </summary>
internal static class PlainCheckReader
{
    private const string Expected = "a row is one 0 or 1 per qubit, with optional spaces or commas between";

    public static BinaryMatrix Read(string text, string source, ExpectedWidth? expected)
    {
        var rows = new List<IReadOnlyList<int>>();
        int width = expected?.Columns ?? -1;
        string origin = expected?.Origin ?? "";
        foreach (var (number, line) in ParityCheckFile.ContentLines(text))
        {
            var support = new List<int>();
            int entries = 0;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (c is ' ' or '\t' or ',')
                {
                    continue;
                }
                if (c is not ('0' or '1'))
                {
                    throw new ParityCheckFormatException(source, number, i + 1, $"{ParityCheckFile.Quote(c)} is not 0 or 1 ({Expected})");
                }
                if (entries == width)
                {
                    throw new ParityCheckFormatException(source, number, i + 1, $"row {rows.Count} has more than {width} entries ({origin})");
                }
                if (c == '1')
                {
                    support.Add(entries);
                }
                entries++;
            }
            if (entries == 0)
            {
                throw new ParityCheckFormatException(source, number, 1, $"the line has no 0/1 entries ({Expected})");
            }
            if (width < 0)
            {
                width = entries;
                origin = $"as the first row, line {number}";
            }
            else if (entries < width)
            {
                throw new ParityCheckFormatException(source, number, line.TrimEnd().Length + 1, $"row {rows.Count} has {entries} entries, expected {width} ({origin})");
            }
            rows.Add(support);
        }
        if (rows.Count == 0)
        {
            var (line, column) = ParityCheckFile.End(text);
            throw new ParityCheckFormatException(source, line, column, $"no rows: expected one line per check ({Expected})");
        }
        return BinaryMatrix.FromRowSupports(width, rows);
    }
}

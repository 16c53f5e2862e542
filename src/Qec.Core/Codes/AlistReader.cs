using System.Globalization;
using Qec.Core.Algebra;

namespace Qec.Core.Codes;

/// <summary>
/// Reads MacKay's alist format (<see cref="ParityCheckFile"/> has the layout): N = columns and M = rows
/// on line 1, then the largest weights, the N column weights, the M row weights, the N column lists
/// and the M row lists, one per content line, 1-based, zero-padded. Each count is checked where it is
/// read, so every error points at the token (or the end of the line or file) that breaks it.
/// </summary>
internal sealed class AlistReader
{
    /// <summary>Largest dense matrix accepted, in bits (256 MiB).</summary>
    private const long MaxBits = 1L << 31;

    private readonly string _source;
    private readonly List<(int Number, string Text)> _lines;
    private readonly (int Line, int Column) _end;
    private int _next;
    private int _biggestLine, _columnWeightLine, _rowWeightLine;

    private AlistReader(string text, string source)
    {
        _source = source;
        _lines = ParityCheckFile.ContentLines(text).ToList();
        _end = ParityCheckFile.End(text);
    }

    private readonly record struct Token(string Text, int Line, int Column);

    public static BinaryMatrix Read(string text, string source, ExpectedWidth? expected) =>
        new AlistReader(text, source).Read(expected);

    private BinaryMatrix Read(ExpectedWidth? expected)
    {
        var header = NextLine("the alist header 'N M' (N columns, M rows)", 2);
        int n = Number(header[0], 1, int.MaxValue, "N (columns)");
        int m = Number(header[1], 1, int.MaxValue, "M (rows)");
        if (expected is { } width && n != width.Columns)
        {
            throw Error(header[0], $"N = {n} columns, expected {width.Columns} ({width.Origin})");
        }
        if ((long)n * m > MaxBits)
        {
            throw Error(header[0], $"an {m} × {n} matrix is too large (at most {MaxBits} entries)");
        }
        var biggest = NextLine("the largest column weight and the largest row weight", 2);
        _biggestLine = biggest[0].Line;
        int biggestColumn = Number(biggest[0], 0, m, $"the largest column weight (M = {m} rows)");
        int biggestRow = Number(biggest[1], 0, n, $"the largest row weight (N = {n} columns)");
        var columnWeightTokens = NextLine($"the {n} column weights", n);
        _columnWeightLine = columnWeightTokens[0].Line;
        int[] columnWeights = Weights(columnWeightTokens, biggestColumn, "column weight");
        var rowWeightTokens = NextLine($"the {m} row weights", m);
        _rowWeightLine = rowWeightTokens[0].Line;
        int[] rowWeights = Weights(rowWeightTokens, biggestRow, "row weight");
        long columnSum = columnWeights.Sum(w => (long)w), rowSum = rowWeights.Sum(w => (long)w);
        if (columnSum != rowSum)
        {
            throw Error(rowWeightTokens[0], $"the row weights sum to {rowSum} but the column weights (line {_columnWeightLine}) sum to {columnSum}");
        }
        if (rowSum == 0)
        {
            throw Error(rowWeightTokens[0], "the matrix has no ones");
        }

        var matrix = new BinaryMatrix(m, n);
        var columnLine = new int[n];
        for (int c = 0; c < n; c++)
        {
            var list = NextLine($"the row list of column {c + 1} of {n}", -1);
            columnLine[c] = list.Count > 0 ? list[0].Line : _end.Line;
            foreach (var (row, _) in Entries(list, columnWeights[c], biggestColumn, m, $"column {c + 1}", "row"))
            {
                matrix[row - 1, c] = true;
            }
        }
        for (int r = 0; r < m; r++)
        {
            var list = NextLine($"the column list of row {r + 1} of {m}", -1);
            foreach (var (column, token) in Entries(list, rowWeights[r], biggestRow, n, $"row {r + 1}", "column"))
            {
                if (!matrix[r, column - 1])
                {
                    throw Error(token, $"row {r + 1} lists column {column}, but the list of column {column} (line {columnLine[column - 1]}) does not list row {r + 1}");
                }
            }
        }
        // Equal weight sums and every row entry found among the column entries: the two lists agree.
        if (_next < _lines.Count)
        {
            var extra = Tokens(_lines[_next]);
            throw Error(extra[0], $"unexpected text after the {m} row lists");
        }
        return matrix;
    }

    /// <summary>The next content line's tokens; <paramref name="count"/> ≥ 0 requires exactly that many.</summary>
    private List<Token> NextLine(string what, int count)
    {
        if (_next == _lines.Count)
        {
            throw new ParityCheckFormatException(_source, _end.Line, _end.Column, $"the file ends early: expected {what}");
        }
        var line = _lines[_next++];
        var tokens = Tokens(line);
        if (count >= 0 && tokens.Count != count)
        {
            var at = tokens.Count > count ? tokens[count] : new Token("", line.Number, line.Text.TrimEnd().Length + 1);
            throw Error(at, $"expected {what}: {count} numbers, found {tokens.Count}");
        }
        return tokens;
    }

    private int[] Weights(List<Token> tokens, int biggest, string what)
    {
        var weights = new int[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            weights[i] = Number(tokens[i], 0, biggest, $"{what} {i + 1} (line {_biggestLine} gives the largest as {biggest})");
        }
        return weights;
    }

    /// <summary>The nonzero entries of one list, each checked to lie in 1 … <paramref name="limit"/>, distinct, <paramref name="weight"/> of them.</summary>
    private List<(int Index, Token Token)> Entries(List<Token> list, int weight, int biggest, int limit, string owner, string kind)
    {
        if (list.Count > Math.Max(biggest, 1))
        {
            throw Error(list[Math.Max(biggest, 1)], $"the list of {owner} has more than {biggest} entries (the largest {(kind == "row" ? "column" : "row")} weight, line {_biggestLine})");
        }
        var entries = new List<(int, Token)>(weight);
        var seen = new HashSet<int>();
        foreach (var token in list)
        {
            int index = Number(token, 0, limit, $"a {kind} of {owner} (1 … {limit}, or 0 as padding)");
            if (index == 0)
            {
                continue;
            }
            if (!seen.Add(index))
            {
                throw Error(token, $"{owner} lists {kind} {index} twice");
            }
            entries.Add((index, token));
        }
        if (entries.Count != weight)
        {
            var last = list.Count > 0 ? list[^1] : new Token("", _end.Line, 1);
            throw Error(last with { Column = last.Column + last.Text.Length }, $"{owner} lists {entries.Count} {kind}s, but its weight on line {(kind == "row" ? _columnWeightLine : _rowWeightLine)} is {weight}");
        }
        return entries;
    }

    private int Number(Token token, int min, int max, string what)
    {
        if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw Error(token, $"'{token.Text}' is not a non-negative integer: expected {what}");
        }
        return value >= min && value <= max ? value : throw Error(token, $"{value} is out of range for {what}: expected {min} … {max}");
    }

    private static List<Token> Tokens((int Number, string Text) line)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < line.Text.Length)
        {
            if (char.IsWhiteSpace(line.Text[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < line.Text.Length && !char.IsWhiteSpace(line.Text[i]))
            {
                i++;
            }
            tokens.Add(new Token(line.Text[start..i], line.Number, start + 1));
        }
        return tokens;
    }

    private ParityCheckFormatException Error(Token at, string problem) => new(_source, at.Line, at.Column, problem);
}

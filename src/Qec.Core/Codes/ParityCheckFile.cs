using System.Globalization;
using System.Text;
using Qec.Core.Algebra;

namespace Qec.Core.Codes;

/// <summary>
/// Reads and writes parity-check matrices as text, in two formats told apart by their content
/// (<see cref="Detect"/>):
/// <list type="bullet">
/// <item><see cref="ParityCheckFormat.Plain"/>: one line per check, '0'/'1' per qubit, spaces, tabs or
/// commas allowed between entries; blank lines and lines starting with '#' are ignored.</item>
/// <item><see cref="ParityCheckFormat.Alist"/>: MacKay's alist format. Line 1 is <c>N M</c> where, in
/// MacKay's definition, N is the number of COLUMNS (qubits, the "n direction") and M the number of
/// ROWS (checks); line 2 the largest column weight and the largest row weight; line 3 the N column
/// weights; line 4 the M row weights; then N lines, each listing the 1-based rows of one column, then
/// M lines, each listing the 1-based columns of one row. A list may be padded with zeros up to the
/// largest weight (MacKay's writer does; zeros are ignored), so an empty list is a line of zeros.
/// The column lists and the row lists must describe the same matrix.</item>
/// </list>
/// In both, blank lines and lines whose first non-space character is '#' are ignored.
/// Every error is a <see cref="ParityCheckFormatException"/> naming the file, line and column and what
/// was expected; I/O failures are the usual <see cref="IOException"/>s.
/// </summary>
public static class ParityCheckFile
{
    /// <summary>Reads a matrix from a file, in either format.</summary>
    /// <exception cref="ParityCheckFormatException">the content is malformed.</exception>
    public static BinaryMatrix Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a matrix from text, in either format.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="sourceName">Name used in errors (the file name).</param>
    /// <exception cref="ParityCheckFormatException">the content is malformed.</exception>
    public static BinaryMatrix Parse(string text, string sourceName) => Parse(text, sourceName, Detect(text), null);

    /// <summary>Reads a matrix from text in a given format (no detection).</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="sourceName">Name used in errors (the file name).</param>
    /// <param name="format">The format to read.</param>
    /// <exception cref="ParityCheckFormatException">the content is malformed.</exception>
    public static BinaryMatrix Parse(string text, string sourceName, ParityCheckFormat format) => Parse(text, sourceName, format, null);

    /// <summary>
    /// Reads H_X and H_Z from two files (each in either format) and builds the CSS code. A different
    /// number of qubits (columns) in the two files is reported at the place in the H_Z file that sets it.
    /// </summary>
    /// <exception cref="ParityCheckFormatException">a file is malformed, or the qubit counts differ.</exception>
    /// <exception cref="ArgumentException">the matrices are not a CSS code or encode nothing (the message names both files).</exception>
    public static CssCode LoadCss(string hxPath, string hzPath)
    {
        var hx = Load(hxPath);
        string hzText = File.ReadAllText(hzPath);
        var hz = Parse(hzText, hzPath, Detect(hzText), new ExpectedWidth(hx.Columns, $"H_X in {hxPath} has {hx.Columns} qubits"));
        try
        {
            return new CssCode(hx, hz);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"H_X {hxPath}, H_Z {hzPath}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The format of a text, from its first content line (neither blank nor a comment): alist when that
    /// line is only digits and whitespace and either holds a digit other than 0 and 1 (an alist header
    /// "N M" for any matrix larger than 1 × 1) or is exactly two numbers while some later line holds
    /// such a digit (headers like "10 11"); plain otherwise, so that a stray digit in a plain file is
    /// reported as a bad entry.
    /// </summary>
    public static ParityCheckFormat Detect(string text)
    {
        var lines = ContentLines(text).ToList();
        if (lines.Count == 0 || !lines[0].Text.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c)))
        {
            return ParityCheckFormat.Plain;
        }
        static bool HasBigDigit(string line) => line.Any(c => c is >= '2' and <= '9');
        bool twoNumbers = lines[0].Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length == 2;
        return HasBigDigit(lines[0].Text) || (twoNumbers && lines.Any(l => HasBigDigit(l.Text)))
            ? ParityCheckFormat.Alist
            : ParityCheckFormat.Plain;
    }

    /// <summary>Writes the plain format: one line of '0'/'1' per row.</summary>
    public static void WritePlain(BinaryMatrix matrix, TextWriter writer) => writer.Write(matrix.ToString());

    /// <summary>Writes MacKay's alist format (N = columns first, lists zero-padded to the largest weight).</summary>
    public static void WriteAlist(BinaryMatrix matrix, TextWriter writer)
    {
        var columns = matrix.Transpose();
        int[][] columnLists = Enumerable.Range(0, columns.Rows).Select(columns.RowSupport).ToArray();
        int[][] rowLists = Enumerable.Range(0, matrix.Rows).Select(matrix.RowSupport).ToArray();
        int biggestColumn = columnLists.Select(l => l.Length).DefaultIfEmpty(0).Max();
        int biggestRow = rowLists.Select(l => l.Length).DefaultIfEmpty(0).Max();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{matrix.Columns} {matrix.Rows}\n{biggestColumn} {biggestRow}\n");
        text.AppendJoin(' ', columnLists.Select(l => l.Length)).Append('\n');
        text.AppendJoin(' ', rowLists.Select(l => l.Length)).Append('\n');
        foreach (var (lists, width) in new[] { (columnLists, biggestColumn), (rowLists, biggestRow) })
        {
            foreach (int[] list in lists)
            {
                text.AppendJoin(' ', list.Select(i => i + 1).Concat(Enumerable.Repeat(0, width - list.Length))).Append('\n');
            }
        }
        writer.Write(text.ToString());
    }

    private static BinaryMatrix Parse(string text, string sourceName, ParityCheckFormat format, ExpectedWidth? expected) => format switch
    {
        ParityCheckFormat.Alist => AlistReader.Read(text, sourceName, expected),
        ParityCheckFormat.Plain => PlainCheckReader.Read(text, sourceName, expected),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown parity-check format"),
    };

    /// <summary>The lines of a text with their 1-based numbers ('\r' before '\n' dropped).</summary>
    internal static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            yield return (i + 1, lines[i].TrimEnd('\r'));
        }
    }

    /// <summary>The lines that are neither blank nor comments (first non-space character '#').</summary>
    internal static IEnumerable<(int Number, string Text)> ContentLines(string text) =>
        Lines(text).Where(l => l.Text.Trim().Length > 0 && !l.Text.TrimStart().StartsWith('#'));

    /// <summary>Where the text ends: the last line and the column after its last character.</summary>
    internal static (int Line, int Column) End(string text)
    {
        var last = Lines(text).Last();
        return (last.Number, last.Text.Length + 1);
    }

    /// <summary>A character as it should appear in an error: itself, or U+XXXX when it is not printable.</summary>
    internal static string Quote(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}

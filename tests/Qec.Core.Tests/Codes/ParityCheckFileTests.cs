using Qec.Core.Algebra;
using Qec.Core.Codes;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Codes;

/// <summary>
/// Both parity-check formats: MacKay's own alist example (which header number counts columns), round
/// trips, every error with its line and column, every prefix of a valid alist, and mutated files.
/// </summary>
public sealed class ParityCheckFileTests
{
    /// <summary>H = [1 1 0; 0 1 1] in alist form: N = 3 columns, M = 2 rows, column lists then row lists.</summary>
    private static readonly string[] SmallAlist = ["3 2", "2 2", "1 2 1", "2 2", "1 0", "1 2", "2 0", "1 2", "2 3"];

    private static readonly BinaryMatrix Small = BinaryMatrix.FromRows("110", "011");

    private static string Text(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void MacKaysExampleHasNColumnsAndMRows()
    {
        var h = ParityCheckFile.Load(TestPaths.Data("codes/mackay_12.4.3.111.alist"));
        Assert.Equal((16, 12), (h.Rows, h.Columns));
        Assert.All(Enumerable.Range(0, 16), r => Assert.Equal(3, h.RowWeight(r)));
        Assert.All(Enumerable.Range(0, 12), c => Assert.Equal(4, h.Transpose().RowWeight(c)));
        Assert.Equal([2, 7, 9, 12], h.Transpose().RowSupport(0));   // line 5: "3 8 10 13", 1-based
        Assert.Equal([5, 8, 11], h.RowSupport(0));                   // line 17: "6 9 12"
    }

    [Fact]
    public void BothFormatsRoundTripTheReferenceMatrix()
    {
        var hz = ParityCheckFile.Load(TestPaths.Data("bp/bb72_HZ.txt"));
        Assert.Equal((36, 72), (hz.Rows, hz.Columns));
        foreach (var (write, format) in new (Action<BinaryMatrix, TextWriter>, ParityCheckFormat)[]
                 { (ParityCheckFile.WriteAlist, ParityCheckFormat.Alist), (ParityCheckFile.WritePlain, ParityCheckFormat.Plain) })
        {
            var text = new StringWriter();
            write(hz, text);
            Assert.Equal(format, ParityCheckFile.Detect(text.ToString()));
            Assert.Equal(hz, ParityCheckFile.Parse(text.ToString(), "<written>"));
        }
        var alist = new StringWriter();
        ParityCheckFile.WriteAlist(Small, alist);
        Assert.Equal(Text(SmallAlist), alist.ToString());
    }

    [Theory]
    [InlineData("0 1 1\n1,1,0\n# comment\n\n  # indented comment\n1\t0 , 1\r\n", "011|110|101")]
    [InlineData("\n\n01\r\n10", "01|10")]
    [InlineData("1", "1")]
    public void PlainFormatAllowsSeparatorsCommentsAndBlankLines(string text, string rows)
    {
        Assert.Equal(ParityCheckFormat.Plain, ParityCheckFile.Detect(text));
        Assert.Equal(BinaryMatrix.FromRows(rows.Split('|')), ParityCheckFile.Parse(text, "<t>"));
    }

    [Fact]
    public void AlistAllowsUnpaddedListsAndBlankLines()
    {
        string[] lines = [.. SmallAlist];
        lines[4] = "1";
        lines[6] = "  2  ";
        Assert.Equal(Small, ParityCheckFile.Parse(Text(lines).Replace("\n2 2\n", "\n\n2 2\n\n", StringComparison.Ordinal), "<t>"));
    }

    public static TheoryData<string, string> Errors() => new()
    {
        // plain
        { "0110\n011\n", "<t>:2:4: row 1 has 3 entries, expected 4 (as the first row, line 1)" },
        { "0110\n01101\n", "<t>:2:5: row 1 has more than 4 entries (as the first row, line 1)" },
        { "0110\n01x0\n", "<t>:2:3: 'x' is not 0 or 1 (a row is one 0 or 1 per qubit, with optional spaces or commas between)" },
        { "0 1 1\n0,1\t1\n1 1 0 0", "<t>:3:7: row 2 has more than 3 entries (as the first row, line 1)" },
        { "0\u00011\n", "<t>:1:2: U+0001 is not 0 or 1 (a row is one 0 or 1 per qubit, with optional spaces or commas between)" },
        { "# only comments\n\n", "<t>:3:1: no rows: expected one line per check (a row is one 0 or 1 per qubit, with optional spaces or commas between)" },
        { "", "<t>:1:1: no rows: expected one line per check (a row is one 0 or 1 per qubit, with optional spaces or commas between)" },
        { "01\n,,\n", "<t>:2:1: the line has no 0/1 entries (a row is one 0 or 1 per qubit, with optional spaces or commas between)" },
        // alist: line replaced (index:text), deleted (index:-) or appended (+text)
        { "0:3", "<t>:1:2: expected the alist header 'N M' (N columns, M rows): 2 numbers, found 1" },
        { "0:3 2 1", "<t>:1:5: expected the alist header 'N M' (N columns, M rows): 2 numbers, found 3" },
        { "0:0 2", "<t>:1:1: 0 is out of range for N (columns): expected 1 … 2147483647" },
        { "1:2 2 2", "<t>:2:5: expected the largest column weight and the largest row weight: 2 numbers, found 3" },
        { "1:3 2", "<t>:2:1: 3 is out of range for the largest column weight (M = 2 rows): expected 0 … 2" },
        { "2:1 2", "<t>:3:4: expected the 3 column weights: 3 numbers, found 2" },
        { "2:1 3 1", "<t>:3:3: 3 is out of range for column weight 2 (line 2 gives the largest as 2): expected 0 … 2" },
        { "3:2 1", "<t>:4:1: the row weights sum to 3 but the column weights (line 3) sum to 4" },
        { "4:1 2", "<t>:5:4: column 1 lists 2 rows, but its weight on line 3 is 1" },
        { "4:1 0 0", "<t>:5:5: the list of column 1 has more than 2 entries (the largest column weight, line 2)" },
        { "5:1 3", "<t>:6:3: 3 is out of range for a row of column 2 (1 … 2, or 0 as padding): expected 0 … 2" },
        { "5:1 b", "<t>:6:3: 'b' is not a non-negative integer: expected a row of column 2 (1 … 2, or 0 as padding)" },
        { "5:1 1", "<t>:6:3: column 2 lists row 1 twice" },
        { "7:1 3", "<t>:8:3: row 1 lists column 3, but the list of column 3 (line 7) does not list row 1" },
        { "8:2", "<t>:9:2: row 2 lists 1 columns, but its weight on line 4 is 2" },
        { "8:-", "<t>:9:1: the file ends early: expected the column list of row 2 of 2" },
        { "+7", "<t>:10:1: unexpected text after the 2 row lists" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorsNameLineColumnAndWhatWasExpected(string edit, string message)
    {
        string text = edit;
        if (edit.Length > 1 && (edit[0] == '+' || edit[1] == ':'))
        {
            var lines = SmallAlist.ToList();
            if (edit[0] == '+')
            {
                lines.Add(edit[1..]);
            }
            else if (edit[2..] == "-")
            {
                lines.RemoveAt(edit[0] - '0');
            }
            else
            {
                lines[edit[0] - '0'] = edit[2..];
            }
            text = Text(lines);
        }
        var e = Assert.Throws<ParityCheckFormatException>(() => ParityCheckFile.Parse(text, "<t>"));
        Assert.Equal(message, e.Message);
        Assert.Equal("<t>", e.SourceName);
        Assert.Equal(message, $"<t>:{e.Line}:{e.Column}: {e.Problem}");
    }

    [Theory]
    [InlineData("codes/mackay_12.4.3.111.alist")]
    [InlineData("bp/bb72_HX.txt")]
    public void EveryPrefixOfAnAlistParsesToTheSameMatrixOrFailsClearly(string file)
    {
        var full = ParityCheckFile.Load(TestPaths.Data(file));
        var writer = new StringWriter();
        ParityCheckFile.WriteAlist(full, writer);
        string text = file.EndsWith(".alist", StringComparison.Ordinal) ? File.ReadAllText(TestPaths.Data(file)) : writer.ToString();
        int parsed = 0;
        for (int length = 0; length <= text.Length; length++)
        {
            string prefix = text[..length];
            try
            {
                Assert.Equal(full, ParityCheckFile.Parse(prefix, "<prefix>", ParityCheckFormat.Alist));
                parsed++;
            }
            catch (ParityCheckFormatException e)
            {
                Assert.StartsWith("<prefix>:", e.Message, StringComparison.Ordinal);
            }
            // Detected automatically, a prefix is read as alist unless it is also a plain file (such as "1").
            try
            {
                var detected = ParityCheckFile.Parse(prefix, "<prefix>");
                Assert.True(detected.Equals(full) || ParityCheckFile.Detect(prefix) == ParityCheckFormat.Plain, $"prefix of {length} characters");
            }
            catch (ParityCheckFormatException)
            {
            }
        }
        // Only prefixes that cut nothing but the trailing newline (and, for MacKay's file, the trailing space) parse.
        Assert.InRange(parsed, 2, 3);
    }

    [Fact]
    public void MutatedFilesParseOrFailWithTheFormatExceptionOnly()
    {
        var random = new Random(20261204);
        var writer = new StringWriter();
        ParityCheckFile.WriteAlist(ParityCheckFile.Load(TestPaths.Data("bp/bb72_HZ.txt")), writer);
        string[] sources = [writer.ToString(), File.ReadAllText(TestPaths.Data("bp/bb72_HZ.txt")), Text(SmallAlist)];
        const string alphabet = "0123456789 \n,#x-";
        int failures = 0;
        for (int trial = 0; trial < 600; trial++)
        {
            var text = sources[trial % sources.Length].ToCharArray();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }
            try
            {
                ParityCheckFile.Parse(new string(text), "<mutant>");
            }
            catch (ParityCheckFormatException)
            {
                failures++;
            }
        }
        Assert.InRange(failures, 300, 600);
    }

    [Fact]
    public void CssPairReportsDifferentQubitCountsInTheHzFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"qecd-pcf-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string hx = Path.Combine(folder, "hx.txt"), hzPlain = Path.Combine(folder, "hz.txt"), hzAlist = Path.Combine(folder, "hz.alist");
            File.WriteAllText(hx, "0110\n");
            File.WriteAllText(hzPlain, "# Z checks\n011\n");
            File.WriteAllText(hzAlist, Text(SmallAlist));
            Assert.Equal($"{hzPlain}:2:4: row 0 has 3 entries, expected 4 (H_X in {hx} has 4 qubits)",
                Assert.Throws<ParityCheckFormatException>(() => ParityCheckFile.LoadCss(hx, hzPlain)).Message);
            Assert.Equal($"{hzAlist}:1:1: N = 3 columns, expected 4 (H_X in {hx} has 4 qubits)",
                Assert.Throws<ParityCheckFormatException>(() => ParityCheckFile.LoadCss(hx, hzAlist)).Message);
            File.WriteAllText(hx, "110\n");
            Assert.Equal($"H_X {hx}, H_Z {hzAlist}: not a CSS code: X check 0 and Z check 1 overlap on an odd number of qubits (1)",
                Assert.Throws<ArgumentException>(() => ParityCheckFile.LoadCss(hx, hzAlist)).Message);
            Assert.Throws<FileNotFoundException>(() => ParityCheckFile.LoadCss(Path.Combine(folder, "missing.txt"), hzAlist));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Qec.Core.Formats;
using static Qec.Core.Tests.Formats.FormatTestKit;

namespace Qec.Core.Tests.Formats;

/// <summary>
/// How each text format ends, matched to Stim's readers (<c>src/stim/io/measure_record_reader.inl</c>): dets
/// reads a last line without '\n' as a shot; 01 and hits refuse it as a truncated file, as Stim does.
/// </summary>
public sealed class LastLineTests
{
    private static readonly ShotLayout Layout = new(5, 2);

    /// <summary>Reads all shots and gives each as "bit,bit,…" (detectors then observables), or the error message.</summary>
    private static string Read(string format, string text)
    {
        try
        {
            var shots = ReadAll(Ascii(text), SampleFormats.Parse(format), Layout, "t.dat");
            return string.Join(" | ", shots.Select(s => string.Join(",", Unpack(s, Layout.BitsPerShot).Select((b, k) => b ? k : -1).Where(k => k >= 0))));
        }
        catch (SampleFormatException e)
        {
            return "error: " + e.Message;
        }
    }

    [Theory]
    // dets: empty data and blank-only data hold no shot.
    [InlineData("", "")]
    [InlineData("\n", "")]
    [InlineData(" \r\n\t\n", "")]
    // dets: a final line with or without its end of line is the same shot.
    [InlineData("shot D1 L0\n", "1,5")]
    [InlineData("shot D1 L0\r\n", "1,5")]
    [InlineData("shot D1 L0", "1,5")]
    [InlineData("shot D1 L0\r", "1,5")]
    [InlineData("shot", "")]
    [InlineData("shot\nshot D4", " | 4")]
    [InlineData("shot D0\nshot D2 L1", "0 | 2,6")]
    [InlineData("shot D0\nshot D2 L1\n\n", "0 | 2,6")]
    public void Dets_LastLineWithOrWithoutNewline_IsAShot(string text, string expected)
    {
        Assert.Equal(expected, Read("dets", text));
    }

    [Theory]
    [InlineData("shot D1 ", "expected a value prefix D or L but found the end of the data")]
    [InlineData("shot D", "expected digits after 'D' but found the end of the data")]
    [InlineData("sho", "expected a line starting with 'shot' but found the end of the data")]
    [InlineData("shot D1\rshot D2\n", "expected '\\n' after '\\r' but found 's'")]
    public void Dets_LineCutInsideAValue_IsAnError(string text, string part)
    {
        string result = Read("dets", text);
        Assert.StartsWith("error: t.dat: dets: shot 0, line 1", result);
        Assert.Contains(part, result);
    }

    [Theory]
    [InlineData("01", "", "")]
    [InlineData("01", "0100010\n", "1,5")]
    [InlineData("01", "0100010\r\n0000000\n", "1,5 | ")]
    [InlineData("hits", "", "")]
    [InlineData("hits", "1,5\n", "1,5")]
    [InlineData("hits", "1,5\r\n\n", "1,5 | ")]
    public void ZeroOneAndHits_LinesWithNewline_AreShots(string format, string text, string expected)
    {
        Assert.Equal(expected, Read(format, text));
    }

    [Theory]
    [InlineData("01", "0100010", "no terminating '\\n'")]
    [InlineData("01", "0000000\n0100010", "no terminating '\\n'")]
    [InlineData("01", "0100010\r", "expected '\\n' after '\\r' but found the end of the data")]
    [InlineData("hits", "1,5", "no terminating '\\n'")]
    [InlineData("hits", "\n1", "no terminating '\\n'")]
    [InlineData("hits", "1\r", "expected '\\n' after '\\r' but found the end of the data")]
    public void ZeroOneAndHits_LastLineWithoutNewline_IsATruncatedFile(string format, string text, string part)
    {
        string result = Read(format, text);
        Assert.StartsWith($"error: t.dat: {format}: shot ", result);
        Assert.Contains(part, result);
    }
}

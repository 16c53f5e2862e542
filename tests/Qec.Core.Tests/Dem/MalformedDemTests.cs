using Qec.Core.Dem;

namespace Qec.Core.Tests.Dem;

/// <summary>Malformed models give <see cref="DemFormatException"/> at the right line and column, never another exception.</summary>
public sealed class MalformedDemTests
{
    public static TheoryData<string, int, int, string> Cases => new()
    {
        { "error(1.5) D0\n", 1, 6, "between 0 and 1" },
        { "error(-0.1) D0\n", 1, 6, "between 0 and 1" },
        { "error(abc) D0\n", 1, 7, "expected a number but found 'abc'" },
        { "error(0.1 D0\n", 1, 11, "expected ',' or ')'" },
        { "error(0.1, 0.2) D0\n", 1, 6, "exactly one probability" },
        { "error D0\n", 1, 6, "exactly one probability" },
        { "\nfrobnicate(0.1) D0\n", 2, 1, "unknown instruction 'frobnicate'" },
        { "repeat 2 {\n  error(0.1) D0\n", 1, 1, "never closed" },
        { "error(0.1) D0\n}\n", 2, 1, "unexpected '}'" },
        { "error(0.1) D-1\n", 1, 12, "non-negative integer, found 'D-1'" },
        { "error(0.1) L-2\n", 1, 12, "non-negative integer, found 'L-2'" },
        { "error(0.1) D0 X7\n", 1, 15, "found 'X7'" },
        { "repeat 0 {\n}\n", 1, 8, "at least 1" },
        { "repeat 99999999999999999999999 {\n}\n", 1, 8, "too large" },
        { "repeat 4000000000 {\n  repeat 4000000000 {\n    repeat 4000000000 {\n      error(0.1) D0\n    }\n  }\n}\n", 1, 8, "exceeds 2^64" },
        { "error(0.1) D0 ^\n", 1, 15, "'^' must stand between" },
        { "error(0.1) ^ D0\n", 1, 12, "'^' must stand between" },
        { "detector(1, 2) L0\n", 1, 16, "expected D#" },
        { "logical_observable D3\n", 1, 20, "expected L#" },
        { "shift_detectors(0, 1) D2\n", 1, 23, "shift_detectors" },
        { "error[unclosed(0.1) D0\n", 1, 6, "never closed: expected ']'" },
        { "error(0.1)D0\n", 1, 11, "expected a space" },
        { "repeat 3\n  error(0.1) D0\n}\n", 1, 9, "expected '{'" },
        { "error(0.1) D0 {\n}\n", 1, 15, "only 'repeat' opens a block" },
        { "error(0.1) D99999999999999999999\n", 1, 12, "too large" },
        { "(0.1) D0\n", 1, 1, "expected an instruction name" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsLineColumnAndProblem(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<DemFormatException>(() => DetectorErrorModel.Parse(text, "bad.dem"));
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.dem:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsReportedWithItsPosition()
    {
        byte[] bytes = [.. "error(0.1) D0\nerror(0.2) D"u8, 0xFF, .. "1\n"u8];
        var e = Assert.Throws<DemFormatException>(() => DetectorErrorModel.Parse(bytes, "bytes.dem"));
        Assert.Equal(2, e.Line);
        Assert.Equal(13, e.Column);
        Assert.Contains("invalid UTF-8 byte 0xFF", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPrefixOfAValidModelParsesOrFailsCleanly()
    {
        const string text = "error[t](0.125) D0 D1 ^ D2 L0\nrepeat 2 {\n    detector(1, 2.5) D3\n    shift_detectors(0, 0, 1) 4\n}\nlogical_observable L0\n";
        for (int n = 0; n <= text.Length; n++)
        {
            try
            {
                DetectorErrorModel.Parse(text[..n]);
            }
            catch (DemFormatException)
            {
            }
        }
        Assert.Equal(text, DetectorErrorModel.Parse(text).ToString());
    }

    [Fact]
    public void RandomGarbageNeverThrowsAnythingButDemFormatException()
    {
        var random = new Random(1234);
        const string alphabet = "errordetcD0123456789L^(){}[]., #\n\t-e+rpat_shift";
        for (int trial = 0; trial < 3000; trial++)
        {
            var chars = new char[random.Next(1, 60)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }
            try
            {
                var model = DetectorErrorModel.Parse(new string(chars));
                Assert.Equal(model, DetectorErrorModel.Parse(model.ToString()));
            }
            catch (DemFormatException)
            {
            }
        }
    }
}

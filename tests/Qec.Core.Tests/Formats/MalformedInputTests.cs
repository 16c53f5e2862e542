using Qec.Core.Formats;
using static Qec.Core.Tests.Formats.FormatTestKit;

namespace Qec.Core.Tests.Formats;

/// <summary>
/// Bad data: every prefix of a valid file, random garbage, and a table of specific faults. Reading must give
/// a prefix of the shots or throw <see cref="SampleFormatException"/> naming the shot (and line), never any
/// other exception.
/// </summary>
public sealed class MalformedInputTests
{
    /// <summary>A small valid file: 13 bits (not a byte multiple), 64 shots for ptb64 and 7 otherwise, mixed densities.</summary>
    private static (ShotLayout Layout, List<byte[]> Shots, byte[] Data) SmallFile(SampleFormat format, int bits = 13)
    {
        var layout = new ShotLayout(bits - 2, 2);
        var rng = new Random(7);
        int count = format == SampleFormat.Ptb64 ? 64 : 7;
        var shots = new List<byte[]>();
        for (int s = 0; s < count; s++)
        {
            double p = s % 3 == 0 ? 0.0 : s % 3 == 1 ? 0.1 : 0.7;
            shots.Add(Pack(Enumerable.Range(0, bits).Select(_ => rng.NextDouble() < p).ToArray()));
        }
        return (layout, shots, WriteAll(shots, format, layout));
    }

    /// <summary>Reads as much as possible; returns the shots or the format error (any other exception escapes and fails the test).</summary>
    private static (List<byte[]> Shots, SampleFormatException? Error) TryReadAll(byte[] data, SampleFormat format, ShotLayout layout)
    {
        var shots = new List<byte[]>();
        using var reader = new SampleReader(new MemoryStream(data), format, layout, "test.dat");
        try
        {
            byte[] shot = new byte[layout.BytesPerShot];
            while (reader.TryReadShot(shot))
            {
                shots.Add((byte[])shot.Clone());
            }
            return (shots, null);
        }
        catch (SampleFormatException e)
        {
            return (shots, e);
        }
    }

    [Theory]
    [MemberData(nameof(FormatTestKit.AllFormats), MemberType = typeof(FormatTestKit))]
    public void EveryPrefix_GivesLeadingShotsOrFormatError(SampleFormat format)
    {
        foreach (int bits in new[] { 13, 300 })
        {
            var (layout, shots, data) = SmallFile(format, bits);
            Assert.Equal(shots, TryReadAll(data, format, layout).Shots);
            for (int cut = 0; cut < data.Length; cut++)
            {
                var (read, error) = TryReadAll(data[..cut], format, layout);
                bool dets = format == SampleFormat.Dets;
                if (dets && data[cut] == '\n')
                {
                    // dets (as Stim) reads a last line cut off just before its '\n' as the whole shot.
                    Assert.Null(error);
                    Assert.Equal(shots.Take(read.Count), read);
                    continue;
                }
                // Cut inside a dets line, the last shot read holds whatever values the cut left.
                int exact = dets && error is null && cut > 0 && data[cut - 1] != '\n' ? read.Count - 1 : read.Count;
                Assert.True(exact < shots.Count, $"prefix of {cut} bytes gave all {shots.Count} shots");
                Assert.Equal(shots.Take(exact), read.Take(exact));
                if (error is not null)
                {
                    Assert.Equal(read.Count, error.ShotIndex);
                    Assert.Contains($"shot {read.Count}", error.Message);
                    Assert.InRange(error.ByteOffset, 0, cut);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(FormatTestKit.AllFormats), MemberType = typeof(FormatTestKit))]
    public void Garbage_GivesFormatErrorOrShots_NeverAnotherException(SampleFormat format)
    {
        var rng = new Random(11);
        var layout = new ShotLayout(11, 2);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] data = new byte[rng.Next(1, 200)];
            rng.NextBytes(data);
            if (trial % 2 == 1)
            {
                // Mostly format characters, so text parsers get further before failing.
                const string alphabet = "01 ,shotDLM\n\r9";
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = (byte)alphabet[rng.Next(alphabet.Length)];
                }
            }
            var (_, error) = TryReadAll(data, format, layout);
            if (error is not null)
            {
                Assert.StartsWith("test.dat: " + SampleFormats.Name(format) + ": shot ", error.Message);
                Assert.Equal(SampleFormats.Info(format).IsBinary, error.Line is null);
            }
        }
    }

    public static TheoryData<string, int, int, string, long, long?, string> Faults => new()
    {
        // format, detectors, observables, data (C# escapes; \u00XX for raw bytes), shot, line, message part
        { "01", 4, 0, "0101\n0102\n", 1, 2L, "expected '0' or '1' at column 4 but found '2'" },
        { "01", 4, 0, "0101\n010\n", 1, 2L, "expected 4 characters of 0/1 but found 3" },
        { "01", 4, 0, "0101\n01010\n", 1, 2L, "expected 4 characters of 0/1 but the line is longer" },
        { "01", 4, 0, "0101\n0101", 1, 2L, "no terminating '\\n'" },
        { "01", 4, 0, "0101\n01", 1, 2L, "the data ended after 2" },
        { "01", 4, 0, "0101\r0101\n", 0, 1L, "expected '\\n' after '\\r'" },
        { "dets", 120, 0, "shot D1\nshot D130\n", 1, 2L, "detector index 130 out of range (120 detectors)" },
        { "dets", 5, 1, "shot L1\n", 0, 1L, "observable index 1 out of range (1 observables)" },
        { "dets", 0, 1, "shot D0\n", 0, 1L, "detector index 0 out of range (0 detectors)" },
        { "dets", 5, 1, "shot D99999999999999999999\n", 0, 1L, "detector index an index above 2147483647 out of range" },
        { "dets", 5, 1, "\n\nshots D1\n", 0, 3L, "expected ' ' and a value, or '\\n', but found 's'" },
        { "dets", 5, 1, "shot D1 \n", 0, 1L, "expected a value prefix D or L but found '\\n'" },
        { "dets", 5, 1, "shot  D1\n", 0, 1L, "expected a value prefix D or L but found ' '" },
        { "dets", 5, 1, "shot X1\n", 0, 1L, "expected a value prefix D or L but found 'X'" },
        { "dets", 5, 1, "shot M1\n", 0, 1L, "measurement results (M)" },
        { "dets", 5, 1, "shot D\n", 0, 1L, "expected digits after 'D' but found '\\n'" },
        { "dets", 5, 1, "shot D1,D2\n", 0, 1L, "found ','" },
        { "dets", 5, 1, "shot\nhello\n", 1, 2L, "expected a line starting with 'shot' but found 'h'" },
        { "dets", 5, 1, "shot D1 ", 0, 1L, "expected a value prefix D or L but found the end of the data" },
        { "hits", 120, 0, "1\n130\n", 1, 2L, "bit index 130 out of range (the shot has 120 bits)" },
        { "hits", 10, 0, "1,,2\n", 0, 1L, "expected a bit index (digits) but found ','" },
        { "hits", 10, 0, "1 2\n", 0, 1L, "expected ',' or '\\n' after a bit index but found ' '" },
        { "hits", 10, 0, "1,2", 0, 1L, "no terminating '\\n'" },
        { "hits", 10, 0, "-1\n", 0, 1L, "found '-'" },
        { "hits", 10, 0, "1,\n", 0, 1L, "expected a bit index (digits) but found '\\n'" },
        { "b8", 16, 0, "\u0001\u0002\u0003", 1, null, "truncated shot: expected 2 bytes (16 bits) but the data ended after 1" },
        { "b8", 12, 0, "\u00ff\u001f", 0, null, "padding bits above bit 12 of the shot are not zero (last byte 0x1F)" },
        { "r8", 4, 0, "\u0005", 0, null, "puts the next 1 at bit 5, past the end of the shot; expected the terminating 1 at bit 4" },
        { "r8", 4, 0, "\u0004\u0002", 1, null, "the data ended inside a shot after 3 of 4 bits" },
        { "r8", 10, 0, "\u00ff", 0, null, "a run of 255 zeros reaches bit 255, past the end of the shot of 10 bits" },
        { "ptb64", 2, 0, "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0002", 0, null, "truncated 64-shot group: expected 16 bytes (8 per bit, 2 bits) but the data ended after 10" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Fault_NamesShotLineAndProblem(string formatName, int detectors, int observables, string text, long shot, long? line, string part)
    {
        SampleFormat format = SampleFormats.Parse(formatName);
        byte[] data = text.Select(c => (byte)c).ToArray();
        var (_, error) = TryReadAll(data, format, new ShotLayout(detectors, observables));
        Assert.NotNull(error);
        Assert.Contains(part, error.Message);
        Assert.Equal(shot, error.ShotIndex);
        Assert.Equal(line, error.Line);
        Assert.Contains($"shot {shot}", error.Message);
        if (line is { } l)
        {
            Assert.Contains($"line {l}", error.Message);
        }
        Assert.Equal("test.dat", error.SourceName);
        Assert.InRange(error.ByteOffset, 0, data.Length);
    }

    [Fact]
    public void Fault_01WrongLength_ReportsLineAndByteOffset()
    {
        // The brief's example: 120 detectors, line 7 one character short.
        var layout = ShotLayout.Detectors(120);
        string good = new string('0', 120) + "\n";
        byte[] data = Ascii(string.Concat(Enumerable.Repeat(good, 6)) + new string('1', 119) + "\n");
        var (read, error) = TryReadAll(data, SampleFormat.Format01, layout);
        Assert.Equal(6, read.Count);
        Assert.NotNull(error);
        Assert.Equal("test.dat: 01: shot 6, line 7, byte 845: expected 120 characters of 0/1 but found 119", error.Message);
    }
}

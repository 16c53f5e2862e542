using Qec.Core.Formats;
using static Qec.Core.Tests.Formats.FormatTestKit;

namespace Qec.Core.Tests.Formats;

/// <summary>
/// Exact bytes from the examples of Stim's doc/result_formats.md (and a few hand-worked edge cases), written
/// and read back.
/// </summary>
public sealed class GoldenFormatTests
{
    /// <summary>Stim's example shot: <c>X 1; M 0 0 0 0 1 1 1 1 0 0 1 1 0 1</c> (14 bits).</summary>
    private static readonly bool[] Example14 = "00001111001101".Select(c => c == '1').ToArray();

    public static TheoryData<SampleFormat, string> Example14Bytes => new()
    {
        { SampleFormat.Format01, "30 30 30 30 31 31 31 31 30 30 31 31 30 31 0a" },
        { SampleFormat.B8, "f0 2c" },
        { SampleFormat.R8, "4 0 0 0 2 0 1 0" },
        { SampleFormat.Hits, "34 2c 35 2c 36 2c 37 2c 31 30 2c 31 31 2c 31 33 0a" },
        { SampleFormat.Dets, "73 68 6f 74 20 44 34 20 44 35 20 44 36 20 44 37 20 44 31 30 20 44 31 31 20 44 31 33 0a" },
    };

    [Theory]
    [MemberData(nameof(Example14Bytes))]
    public void StimDocExample_TenShotsOf14Bits(SampleFormat format, string oneShotHex)
    {
        // Stim's doc shows 10 identical shots; dets uses D where Stim's measurement sampler writes M.
        var layout = ShotLayout.Detectors(14);
        byte[] expected = Repeat(Hex(oneShotHex), 10);
        var shots = Enumerable.Repeat(Pack(Example14), 10).ToList();

        Assert.Equal(expected, WriteAll(shots, format, layout));
        List<byte[]> read = ReadAll(expected, format, layout);
        Assert.Equal(10, read.Count);
        Assert.All(read, s => Assert.Equal(Pack(Example14), s));
    }

    [Fact]
    public void Text01_IsTheDocumentedLine()
    {
        byte[] data = WriteAll([Pack(Example14)], SampleFormat.Format01, ShotLayout.Detectors(14));
        Assert.Equal("00001111001101\n", System.Text.Encoding.ASCII.GetString(data));
    }

    [Fact]
    public void R8_StimDocSecondExample_41BitsWithBit9Set()
    {
        bool[] bits = new bool[41];
        bits[9] = true;
        var layout = ShotLayout.Detectors(41);
        byte[] expected = Repeat(Hex("9 1f"), 10);
        Assert.Equal(expected, WriteAll(Enumerable.Repeat(Pack(bits), 10), SampleFormat.R8, layout));
        Assert.All(ReadAll(expected, SampleFormat.R8, layout), s => Assert.Equal(Pack(bits), s));
    }

    [Fact]
    public void Ptb64_StimDocExample_64ShotsOfTwoBits()
    {
        // X 1; M 0 1: bit 0 always 0, bit 1 always 1.
        var layout = ShotLayout.Detectors(2);
        byte[] expected = Hex("0 0 0 0 0 0 0 0 ff ff ff ff ff ff ff ff");
        byte[] shot = Pack([false, true]);
        Assert.Equal(expected, WriteAll(Enumerable.Repeat(shot, 64), SampleFormat.Ptb64, layout));
        List<byte[]> read = ReadAll(expected, SampleFormat.Ptb64, layout);
        Assert.Equal(64, read.Count);
        Assert.All(read, s => Assert.Equal(shot, s));
    }

    [Fact]
    public void Ptb64_ShotIndexIsBitIndexOfEachWord()
    {
        // 3 bits, 64 shots: shot s has bit 0 iff s == 0, bit 1 iff s == 9, bit 2 iff s == 63.
        var layout = ShotLayout.Detectors(3);
        var shots = Enumerable.Range(0, 64).Select(s => Pack([s == 0, s == 9, s == 63])).ToList();
        byte[] expected = Hex("01 0 0 0 0 0 0 0  0 02 0 0 0 0 0 0  0 0 0 0 0 0 0 80");
        Assert.Equal(expected, WriteAll(shots, SampleFormat.Ptb64, layout));
        Assert.Equal(shots, ReadAll(expected, SampleFormat.Ptb64, layout));
    }

    [Fact]
    public void Dets_StimDocExample_DetectorAndObservableWithAppendedObservables()
    {
        // Stim: 3 detectors, OBSERVABLE_INCLUDE(5) -> 6 observables; detector 1 and observable 5 fire.
        var layout = new ShotLayout(3, 6);
        bool[] bits = new bool[9];
        bits[1] = true;
        bits[3 + 5] = true;
        byte[] expected = Ascii("shot D1 L5\nshot D1 L5\n");
        Assert.Equal(expected, WriteAll([Pack(bits), Pack(bits)], SampleFormat.Dets, layout));
        Assert.All(ReadAll(expected, SampleFormat.Dets, layout), s => Assert.Equal(Pack(bits), s));
    }

    public static TheoryData<string, int, int, string, string> HandWorked => new()
    {
        // format, detectors, observables, bits ('0'/'1'), expected bytes (hex; text shown in comments)
        { "dets", 0, 1, "1", "73 68 6f 74 20 4c 30 0a" },                 // "shot L0\n": observables-only files use L
        { "dets", 2, 0, "00", "73 68 6f 74 0a" },                          // "shot\n"
        { "dets", 2, 2, "1011", "73 68 6f 74 20 44 30 20 4c 30 20 4c 31 0a" }, // "shot D0 L0 L1\n"
        { "hits", 3, 0, "000", "0a" },                                    // empty line
        { "hits", 0, 0, "", "0a" },
        { "01", 0, 0, "", "0a" },
        { "dets", 0, 0, "", "73 68 6f 74 0a" },
        { "r8", 0, 0, "", "00" },                                        // only the terminating 1
        { "r8", 3, 0, "111", "00 00 00 00" },
        { "r8", 3, 0, "000", "03" },
        { "b8", 9, 0, "100000001", "01 01" },
        { "01", 9, 0, "100000001", "31 30 30 30 30 30 30 30 31 0a" },
    };

    [Theory]
    [MemberData(nameof(HandWorked))]
    public void HandWorkedShot(string formatName, int detectors, int observables, string bitText, string hex)
    {
        SampleFormat format = SampleFormats.Parse(formatName);
        var layout = new ShotLayout(detectors, observables);
        byte[] shot = Pack(bitText.Select(c => c == '1').ToArray());
        byte[] expected = Hex(hex);
        Assert.Equal(expected, WriteAll([shot], format, layout));
        Assert.Equal(shot, Assert.Single(ReadAll(expected, format, layout)));
    }

    [Theory]
    [InlineData(254, "fe")]
    [InlineData(255, "ff 00")]
    [InlineData(256, "ff 01")]
    [InlineData(509, "ff fe")]
    [InlineData(510, "ff ff 00")]
    public void R8_AllZeroShotsOfLongRuns(int bits, string hex)
    {
        // n zeros then the implicit terminating 1: every full 255 zeros is an FF byte.
        var layout = ShotLayout.Detectors(bits);
        byte[] shot = new byte[layout.BytesPerShot];
        byte[] expected = Hex(hex);
        Assert.Equal(expected, WriteAll([shot], SampleFormat.R8, layout));
        Assert.Equal(shot, Assert.Single(ReadAll(expected, SampleFormat.R8, layout)));
    }

    [Fact]
    public void R8_GapOfExactly255BeforeAOne()
    {
        var layout = ShotLayout.Detectors(300);
        bool[] bits = new bool[300];
        bits[255] = true;
        // 255 zeros -> FF, then the 1 -> 00; then 44 zeros before the terminator at 300 -> 2C.
        byte[] expected = Hex("ff 00 2c");
        Assert.Equal(expected, WriteAll([Pack(bits)], SampleFormat.R8, layout));
        Assert.Equal(Pack(bits), Assert.Single(ReadAll(expected, SampleFormat.R8, layout)));
    }

    [Fact]
    public void B8_ReadsStimFileWithPaddingZero_WritesPaddingZeroEvenIfCallerSetsIt()
    {
        var layout = ShotLayout.Detectors(12);
        byte[] dirty = [0xFF, 0xFF]; // bits 12..15 are padding
        Assert.Equal(Hex("ff 0f"), WriteAll([dirty], SampleFormat.B8, layout));
        Assert.Equal(Ascii("111111111111\n"), WriteAll([dirty], SampleFormat.Format01, layout));
        Assert.Equal(Ascii("shot D0 D1 D2 D3 D4 D5 D6 D7 D8 D9 D10 D11\n"), WriteAll([dirty], SampleFormat.Dets, layout));
    }

    [Fact]
    public void TextReaders_AcceptCrLf_AndDetsSkipsBlankLines()
    {
        var layout = new ShotLayout(3, 1);
        byte[] expected = Pack([true, false, true, true]);
        Assert.Equal(expected, Assert.Single(ReadAll(Ascii("1011\r\n"), SampleFormat.Format01, layout)));
        Assert.Equal(expected, Assert.Single(ReadAll(Ascii("0,2,3\r\n"), SampleFormat.Hits, layout)));
        Assert.Equal(expected, Assert.Single(ReadAll(Ascii("\n  shot D0 D2 L0\r\n\n"), SampleFormat.Dets, layout)));
        Assert.Equal(expected, Assert.Single(ReadAll(Ascii("shot L0 D2 D0 D2\n"), SampleFormat.Dets, layout)));
        Assert.Equal(expected, Assert.Single(ReadAll(Ascii("3,0,2,0\n"), SampleFormat.Hits, layout)));
    }
}

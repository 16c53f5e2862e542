using Qec.Core.Formats;
using static Qec.Core.Tests.Formats.FormatTestKit;

namespace Qec.Core.Tests.Formats;

/// <summary>The reader and writer around the formats: buffers, files, ptb64 groups, disposal.</summary>
public sealed class SampleReaderWriterTests
{
    [Fact]
    public void Ptb64Writer_PartialGroup_FlushThrowsOnceNamingTheCount()
    {
        var layout = ShotLayout.Detectors(5);
        var stream = new MemoryStream();
        var writer = new SampleWriter(stream, SampleFormat.Ptb64, layout, leaveOpen: true);
        for (int s = 0; s < 64 + 37; s++)
        {
            writer.WriteShot(new byte[1]);
        }
        var error = Assert.Throws<InvalidOperationException>(writer.Flush);
        Assert.Contains("multiple of 64", error.Message);
        Assert.Contains("101", error.Message);
        Assert.Contains("37 of 64", error.Message);
        Assert.Equal(5 * 8, stream.Length); // the complete group was flushed
        writer.Dispose(); // already reported: closes quietly
    }

    [Fact]
    public void Ptb64Writer_PartialGroup_DisposeThrowsAndClosesStream()
    {
        var stream = new MemoryStream();
        var writer = new SampleWriter(stream, SampleFormat.Ptb64, ShotLayout.Detectors(3));
        writer.WriteShot(new byte[1]);
        var error = Assert.Throws<InvalidOperationException>(writer.Dispose);
        Assert.Contains("1 of 64", error.Message);
        Assert.False(stream.CanWrite);
    }

    [Fact]
    public void Converter_ToPtb64WithPartialGroup_Throws()
    {
        byte[] input = Ascii("01\n10\n");
        Assert.Throws<InvalidOperationException>(() =>
            SampleConverter.Convert(new MemoryStream(input), SampleFormat.Format01, new MemoryStream(), SampleFormat.Ptb64, ShotLayout.Detectors(2)));
    }

    [Fact]
    public void ShortBuffers_AreArgumentErrors()
    {
        var layout = ShotLayout.Detectors(17);
        using var writer = new SampleWriter(new MemoryStream(), SampleFormat.B8, layout);
        Assert.Throws<ArgumentException>(() => writer.WriteShot(new byte[2]));
        using var reader = new SampleReader(new MemoryStream(new byte[3]), SampleFormat.B8, layout);
        Assert.Throws<ArgumentException>(() => reader.TryReadShot(new byte[2]));
    }

    [Fact]
    public void Reader_LongerBuffer_LeavesBytesAfterTheShotAlone()
    {
        byte[] buffer = [0xAA, 0xAA, 0xAA];
        using var reader = new SampleReader(new MemoryStream(Ascii("111\n")), SampleFormat.Format01, ShotLayout.Detectors(3));
        Assert.True(reader.TryReadShot(buffer));
        Assert.Equal(new byte[] { 0x07, 0xAA, 0xAA }, buffer);
        Assert.False(reader.TryReadShot(buffer));
        Assert.Equal(1, reader.ShotsRead);
    }

    [Fact]
    public void Reader_ReadShots_FillsBackToBack()
    {
        var layout = ShotLayout.Detectors(10);
        byte[] data = Hex("01 00 02 00 03 00");
        using var reader = new SampleReader(new MemoryStream(data), SampleFormat.B8, layout);
        byte[] batch = new byte[4 * 2];
        Assert.Equal(3, reader.ReadShots(batch));
        Assert.Equal(Hex("01 00 02 00 03 00 00 00"), batch);
    }

    [Fact]
    public void Reader_AfterFormatError_RefusesFurtherReads()
    {
        using var reader = new SampleReader(new MemoryStream(Ascii("0x\n")), SampleFormat.Format01, ShotLayout.Detectors(2));
        byte[] shot = new byte[1];
        Assert.Throws<SampleFormatException>(() => reader.TryReadShot(shot));
        Assert.Throws<InvalidOperationException>(() => reader.TryReadShot(shot));
    }

    [Fact]
    public void OpenAndCreate_WorkOnFiles_AndNameThePathInErrors()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qec-formats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var layout = new ShotLayout(6, 1);
            string b8 = Path.Combine(dir, "x.b8");
            using (var writer = SampleWriter.Create(b8, SampleFormat.B8, layout))
            {
                writer.WriteShot([0x41]);
                writer.WriteShot([0x02]);
            }
            string dets = Path.Combine(dir, "x.dets");
            Assert.Equal(2, SampleConverter.ConvertFile(b8, SampleFormat.B8, dets, SampleFormat.Dets, layout));
            Assert.Equal("shot D0 L0\nshot D1\n", File.ReadAllText(dets));

            using (var reader = SampleReader.Open(dets, SampleFormat.Dets, layout))
            {
                byte[] shot = new byte[1];
                Assert.True(reader.TryReadShot(shot));
                Assert.Equal(0x41, shot[0]);
            }

            string bad = Path.Combine(dir, "bad.b8");
            File.WriteAllBytes(bad, [0x80]);
            using var badReader = SampleReader.Open(bad, SampleFormat.B8, layout);
            var error = Assert.Throws<SampleFormatException>(() => badReader.TryReadShot(new byte[1]));
            Assert.Contains(bad, error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void LargeShot_StreamsThroughSmallBuffers()
    {
        // A shot much longer than the 64 KiB I/O buffers, with set bits at both ends, through every format.
        var layout = new ShotLayout(1_000_003, 2);
        byte[] shot = new byte[layout.BytesPerShot];
        shot[0] = 0x01;
        shot[70_000] = 0x10;
        shot[^1] = 0x04; // bit 1_000_004: observable 1
        foreach (SampleFormatInfo info in SampleFormats.All)
        {
            var shots = Enumerable.Repeat(shot, info.Format == SampleFormat.Ptb64 ? 64 : 2).ToList();
            byte[] data = WriteAll(shots, info.Format, layout);
            List<byte[]> read = ReadAll(data, info.Format, layout);
            Assert.Equal(shots.Count, read.Count);
            Assert.All(read, r => Assert.Equal(shot, r));
        }
    }

    /// <summary>
    /// WriteShots writes what as many WriteShot calls write, in every format: random shots with their padding
    /// bits set (the writer must clear them), enough of them to fill the 64 KB output buffer several times.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllFormats), MemberType = typeof(FormatTestKit))]
    public void WriteShots_EqualsOneWriteShotPerShot(SampleFormat format)
    {
        foreach (int bits in new[] { 17, 16, 120 })
        {
            var layout = ShotLayout.Detectors(bits);
            int count = 64 * 160; // a multiple of 64 for ptb64
            var packed = new byte[count * layout.BytesPerShot];
            new Random(bits).NextBytes(packed);
            var one = new MemoryStream();
            using (var writer = new SampleWriter(one, format, layout, leaveOpen: true))
            {
                for (int s = 0; s < count; s++)
                {
                    writer.WriteShot(packed.AsSpan(s * layout.BytesPerShot, layout.BytesPerShot));
                }
            }
            var many = new MemoryStream();
            using (var writer = new SampleWriter(many, format, layout, leaveOpen: true))
            {
                writer.WriteShots(packed.AsSpan(0, 100 * layout.BytesPerShot), 100);
                writer.WriteShots(packed.AsSpan(100 * layout.BytesPerShot), count - 100);
                Assert.Equal(count, writer.ShotsWritten);
            }
            Assert.Equal(one.ToArray(), many.ToArray());
        }
    }

    [Fact]
    public void WriteShots_ShortBuffer_IsAnArgumentError()
    {
        using var writer = new SampleWriter(new MemoryStream(), SampleFormat.B8, ShotLayout.Detectors(17));
        Assert.Throws<ArgumentException>(() => writer.WriteShots(new byte[5], 2));
    }
}

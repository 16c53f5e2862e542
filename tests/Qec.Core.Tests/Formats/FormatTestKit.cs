using Qec.Core.Formats;

namespace Qec.Core.Tests.Formats;

/// <summary>Whole-buffer helpers around <see cref="SampleReader"/> and <see cref="SampleWriter"/> for tests.</summary>
internal static class FormatTestKit
{
    /// <summary>Every format, as xunit rows.</summary>
    public static TheoryData<SampleFormat> AllFormats()
    {
        var data = new TheoryData<SampleFormat>();
        foreach (SampleFormatInfo info in SampleFormats.All)
        {
            data.Add(info.Format);
        }
        return data;
    }

    /// <summary>Reads all shots of <paramref name="data"/>.</summary>
    public static List<byte[]> ReadAll(byte[] data, SampleFormat format, ShotLayout layout, string source = "<test>")
    {
        var shots = new List<byte[]>();
        using var reader = new SampleReader(new MemoryStream(data, writable: false), format, layout, source);
        while (true)
        {
            byte[] shot = new byte[layout.BytesPerShot];
            if (!reader.TryReadShot(shot))
            {
                return shots;
            }
            shots.Add(shot);
        }
    }

    /// <summary>Writes the shots and returns the bytes.</summary>
    public static byte[] WriteAll(IEnumerable<byte[]> shots, SampleFormat format, ShotLayout layout)
    {
        var stream = new MemoryStream();
        using (var writer = new SampleWriter(stream, format, layout, leaveOpen: true))
        {
            foreach (byte[] shot in shots)
            {
                writer.WriteShot(shot);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Packs bools b8-style: bit k in byte k&gt;&gt;3 at bit k&amp;7.</summary>
    public static byte[] Pack(bool[] bits)
    {
        byte[] packed = new byte[(bits.Length + 7) / 8];
        for (int k = 0; k < bits.Length; k++)
        {
            if (bits[k])
            {
                packed[k / 8] |= (byte)(1 << (k % 8));
            }
        }
        return packed;
    }

    /// <summary>Unpacks the first <paramref name="count"/> bits.</summary>
    public static bool[] Unpack(byte[] packed, int count)
    {
        bool[] bits = new bool[count];
        for (int k = 0; k < count; k++)
        {
            bits[k] = ((packed[k / 8] >> (k % 8)) & 1) != 0;
        }
        return bits;
    }

    /// <summary>Bytes from a string of space-separated hex values, e.g. "f0 2c".</summary>
    public static byte[] Hex(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => Convert.ToByte(h, 16)).ToArray();

    /// <summary>ASCII bytes of a string.</summary>
    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>A byte string repeated.</summary>
    public static byte[] Repeat(byte[] unit, int times) => Enumerable.Repeat(unit, times).SelectMany(u => u).ToArray();
}

using System.Text;
using Qec.Core.Formats;

namespace Qec.Core.Tests.Formats;

/// <summary>
/// An independent, deliberately plain encoder of Stim's formats, transcribed from the "saving code" in Stim's
/// doc/result_formats.md (bool lists in, bytes out). The oracle the real writer and reader are checked against.
/// </summary>
internal static class NaiveStimFormats
{
    public static byte[] Encode(SampleFormat format, IReadOnlyList<bool[]> shots, ShotLayout layout) => format switch
    {
        SampleFormat.Format01 => Save01(shots),
        SampleFormat.B8 => SaveB8(shots),
        SampleFormat.R8 => SaveR8(shots),
        SampleFormat.Dets => SaveDets(shots, layout),
        SampleFormat.Hits => SaveHits(shots),
        SampleFormat.Ptb64 => SavePtb64(shots, layout.BitsPerShot),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static byte[] Save01(IReadOnlyList<bool[]> shots)
    {
        var text = new StringBuilder();
        foreach (bool[] shot in shots)
        {
            foreach (bool b in shot)
            {
                text.Append(b ? '1' : '0');
            }
            text.Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] SaveB8(IReadOnlyList<bool[]> shots)
    {
        var output = new List<byte>();
        foreach (bool[] shot in shots)
        {
            for (int start = 0; start < shot.Length; start += 8)
            {
                int v = 0;
                for (int j = Math.Min(8, shot.Length - start) - 1; j >= 0; j--)
                {
                    v = (v << 1) | (shot[start + j] ? 1 : 0);
                }
                output.Add((byte)v);
            }
        }
        return output.ToArray();
    }

    private static byte[] SaveR8(IReadOnlyList<bool[]> shots)
    {
        var output = new List<byte>();
        foreach (bool[] shot in shots)
        {
            int gap = 0;
            foreach (bool b in shot.Append(true))
            {
                if (b)
                {
                    while (gap >= 255)
                    {
                        gap -= 255;
                        output.Add(255);
                    }
                    output.Add((byte)gap);
                    gap = 0;
                }
                else
                {
                    gap++;
                }
            }
        }
        return output.ToArray();
    }

    private static byte[] SaveDets(IReadOnlyList<bool[]> shots, ShotLayout layout)
    {
        var text = new StringBuilder();
        foreach (bool[] shot in shots)
        {
            text.Append("shot");
            for (int k = 0; k < layout.NumDetectors; k++)
            {
                if (shot[k])
                {
                    text.Append(" D").Append(k);
                }
            }
            for (int k = 0; k < layout.NumObservables; k++)
            {
                if (shot[layout.NumDetectors + k])
                {
                    text.Append(" L").Append(k);
                }
            }
            text.Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] SaveHits(IReadOnlyList<bool[]> shots)
    {
        var text = new StringBuilder();
        foreach (bool[] shot in shots)
        {
            text.Append(string.Join(",", Enumerable.Range(0, shot.Length).Where(k => shot[k])));
            text.Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] SavePtb64(IReadOnlyList<bool[]> shots, int bitsPerShot)
    {
        if (shots.Count % 64 != 0)
        {
            throw new ArgumentException("Number of shots must be a multiple of 64.");
        }
        var output = new List<byte>();
        for (int offset = 0; offset < shots.Count; offset += 64)
        {
            for (int m = 0; m < bitsPerShot; m++)
            {
                ulong v = 0;
                for (int k = 63; k >= 0; k--)
                {
                    v = (v << 1) | (shots[offset + k][m] ? 1UL : 0UL);
                }
                for (int b = 0; b < 8; b++)
                {
                    output.Add((byte)(v >> (8 * b)));
                }
            }
        }
        return output.ToArray();
    }
}

using Qec.Core.Decoding;

namespace Qec.Bench;

/// <summary>The body of the per-shot decoding benchmarks.</summary>
internal static class ShotLoop
{
    /// <summary>
    /// Decodes the first <paramref name="shots"/> shots of <paramref name="dets"/> (b8, back to back) one by one
    /// into <paramref name="flips"/>; returns the XOR of their first prediction bytes, so the loop has a result.
    /// </summary>
    public static byte DecodeEach(IDecoder decoder, byte[] dets, int shots, byte[] flips)
    {
        int db = decoder.DetectorBytes;
        byte acc = 0;
        for (int s = 0; s < shots; s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
            acc ^= flips[0];
        }
        return acc;
    }
}

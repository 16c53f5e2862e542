using System.Numerics;

namespace Qec.Core.Sampling;

/// <summary>
/// Shot-major b8 samples turned bit-major: one bit-packed column per detector (or observable), bit s of column k
/// = bit k of shot s. Counting how often a bit, or two bits together, fired is then a popcount over words — what
/// checks of marginals and pairwise correlations against <see cref="ExactBitStatistics"/> or another sampler need.
/// </summary>
public static class BitColumns
{
    /// <summary>Columns of <paramref name="bits"/> bits over <paramref name="shots"/> shots of ceil(bits/8) bytes each.</summary>
    public static ulong[][] FromShots(ReadOnlySpan<byte> b8, int bits, int shots)
    {
        int bytesPerShot = (bits + 7) >> 3;
        if (b8.Length < (long)bytesPerShot * shots)
        {
            throw new ArgumentException($"{shots} shots of {bits} bits need {(long)bytesPerShot * shots} bytes; got {b8.Length}", nameof(b8));
        }
        var columns = new ulong[bits][];
        for (int k = 0; k < bits; k++)
        {
            columns[k] = new ulong[(shots + 63) >> 6];
        }
        for (int s = 0; s < shots; s++)
        {
            var shot = b8.Slice(s * bytesPerShot, bytesPerShot);
            for (int i = 0; i < bytesPerShot; i++)
            {
                // Only set bits cost work: samples of low-noise circuits are mostly zero bytes.
                for (uint set = shot[i]; set != 0; set &= set - 1)
                {
                    int k = (i << 3) + BitOperations.TrailingZeroCount(set);
                    if (k < bits)
                    {
                        columns[k][s >> 6] |= 1UL << (s & 63);
                    }
                }
            }
        }
        return columns;
    }

    /// <summary>Shots in which the bit of column <paramref name="a"/> fired.</summary>
    public static int Count(ulong[] a)
    {
        int count = 0;
        foreach (ulong word in a)
        {
            count += BitOperations.PopCount(word);
        }
        return count;
    }

    /// <summary>Shots in which both bits fired.</summary>
    public static int CountBoth(ulong[] a, ulong[] b)
    {
        int count = 0;
        for (int w = 0; w < a.Length; w++)
        {
            count += BitOperations.PopCount(a[w] & b[w]);
        }
        return count;
    }
}

namespace Qec.Core.Decoding.Streaming;

/// <summary>Cuts rounds out of b8-packed whole shots and checks packed rounds (bit order as Stim's b8).</summary>
public static class RoundBits
{
    /// <summary>Copies detectors [first, first + count) of a packed shot into a packed round (ceil(count/8) bytes, padding 0).</summary>
    public static void Slice(ReadOnlySpan<byte> shot, long first, int count, Span<byte> round)
    {
        int bytes = (count + 7) >> 3;
        if (round.Length < bytes || shot.Length < (first + count + 7) >> 3)
        {
            throw new ArgumentException($"slice of detectors {first}..{first + count - 1} does not fit (shot {shot.Length} bytes, round {round.Length} bytes)");
        }
        round[..bytes].Clear();
        for (int i = 0; i < count; i++)
        {
            long d = first + i;
            if (((shot[(int)(d >> 3)] >> (int)(d & 7)) & 1) != 0)
            {
                round[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>
    /// Writes the indices of the set bits of a packed round into <paramref name="indices"/>, in increasing order,
    /// and returns how many there are (<paramref name="indices"/> must hold 8 · packed.Length).
    /// </summary>
    public static int SetBits(ReadOnlySpan<byte> packed, Span<int> indices)
    {
        int n = 0;
        for (int i = 0; i < packed.Length; i++)
        {
            uint b = packed[i];
            while (b != 0)
            {
                indices[n++] = (i << 3) + System.Numerics.BitOperations.TrailingZeroCount(b);
                b &= b - 1;
            }
        }
        return n;
    }

    /// <summary>Throws when a packed round has the wrong length or a padding bit set.</summary>
    public static void Check(int round, int size, ReadOnlySpan<byte> packed)
    {
        int bytes = (size + 7) >> 3;
        if (packed.Length != bytes)
        {
            throw new ArgumentException($"round {round} has {size} detectors ({bytes} bytes packed), got {packed.Length} bytes");
        }
        if ((size & 7) != 0 && (packed[bytes - 1] >> (size & 7)) != 0)
        {
            throw new ArgumentException($"round {round}: padding bits after detector {size - 1} (byte {bytes - 1}) must be 0");
        }
    }
}

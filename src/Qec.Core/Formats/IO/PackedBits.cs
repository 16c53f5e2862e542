using System.Buffers.Binary;
using System.Numerics;

namespace Qec.Core.Formats.IO;

/// <summary>Bit access on b8-packed shots: bit k is bit (k &amp; 7) of byte (k &gt;&gt; 3).</summary>
internal static class PackedBits
{
    /// <summary>
    /// The smallest set bit index i with <paramref name="from"/> ≤ i &lt; <paramref name="limit"/>, or -1.
    /// Skips zero regions eight bytes at a time, so sparse shots cost about bits/64 steps.
    /// </summary>
    /// <param name="packed">The packed shot; must hold at least ceil(limit/8) bytes.</param>
    /// <param name="from">First index to examine.</param>
    /// <param name="limit">One past the last index to examine.</param>
    public static int NextSetBit(ReadOnlySpan<byte> packed, int from, int limit)
    {
        int i = from;
        while (i < limit)
        {
            int byteIndex = i >> 3;
            if ((i & 7) == 0 && byteIndex + 8 <= packed.Length)
            {
                ulong word = BinaryPrimitives.ReadUInt64LittleEndian(packed[byteIndex..]);
                if (word == 0)
                {
                    i += 64;
                    continue;
                }
                int found = i + BitOperations.TrailingZeroCount(word);
                return found < limit ? found : -1;
            }
            int rest = packed[byteIndex] >> (i & 7);
            if (rest == 0)
            {
                i = (byteIndex + 1) << 3;
                continue;
            }
            int hit = i + BitOperations.TrailingZeroCount(rest);
            return hit < limit ? hit : -1;
        }
        return -1;
    }

    /// <summary>Sets bit <paramref name="index"/>.</summary>
    public static void Set(Span<byte> packed, int index) => packed[index >> 3] |= (byte)(1 << (index & 7));

    /// <summary>Reads bit <paramref name="index"/>.</summary>
    public static bool Get(ReadOnlySpan<byte> packed, int index) => ((packed[index >> 3] >> (index & 7)) & 1) != 0;

    /// <summary>Mask of the meaningful bits of the last byte of a shot of <paramref name="bits"/> bits (0xFF when bits is a multiple of 8).</summary>
    public static byte LastByteMask(int bits) => (bits & 7) == 0 ? (byte)0xFF : (byte)((1 << (bits & 7)) - 1);
}

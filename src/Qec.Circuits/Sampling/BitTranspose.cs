using System.Runtime.CompilerServices;

namespace Qec.Circuits.Sampling;

/// <summary>
/// In-place transpose of a 64 × 64 bit matrix stored as 64 <c>ulong</c> rows (row r, column c = bit c
/// of word r). Recursive block swap: 6 rounds of 32 masked exchanges (Warren, "Hacker's Delight",
/// 2nd ed., §7-3), O(64 log 64) word operations instead of 4096 bit moves.
/// </summary>
internal static class BitTranspose
{
    /// <summary>Transposes <paramref name="rows"/> (exactly 64 words) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose64(Span<ulong> rows)
    {
        if (rows.Length != 64)
        {
            throw new ArgumentException("a 64 × 64 bit block needs 64 words", nameof(rows));
        }
        ulong mask = 0x00000000FFFFFFFFUL;
        for (int j = 32; j != 0; j >>= 1, mask ^= mask << j)
        {
            // Invariant: blocks of size j × j are exchanged across the diagonal of each 2j × 2j block.
            for (int k = 0; k < 64; k = (k + j + 1) & ~j)
            {
                ulong t = ((rows[k] >> j) ^ rows[k + j]) & mask;
                rows[k] ^= t << j;
                rows[k + j] ^= t;
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Qec.Circuits.Sampling;

/// <summary>
/// In-place transpose of a 64 × 64 bit matrix stored as 64 <c>ulong</c> rows (row r, column c = bit c
/// of word r). Recursive block swap: 6 rounds of 32 masked exchanges (Warren, "Hacker's Delight",
/// 2nd ed., §7-3), O(64 log 64) word operations instead of 4096 bit moves.
/// </summary>
internal static class BitTranspose
{
    /// <summary>Transposes <paramref name="rows"/> (exactly 64 words) in place.</summary>
    public static void Transpose64(Span<ulong> rows)
    {
        if (rows.Length != 64)
        {
            throw new ArgumentException("a 64 × 64 bit block needs 64 words", nameof(rows));
        }
        if (Avx2.IsSupported)
        {
            Transpose64Avx2(ref MemoryMarshal.GetReference(rows));
        }
        else
        {
            Transpose64Scalar(rows);
        }
    }

    /// <summary>The portable version: one masked exchange per row pair and round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Transpose64Scalar(Span<ulong> rows)
    {
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

    /// <summary>
    /// The same exchanges, four rows per instruction. Rounds j ≥ 4 pair rows k and k + j that lie in
    /// different vectors, so 4 consecutive pairs are one vector operation. Rounds j = 2 and j = 1 pair
    /// lanes of one vector [r0 r1 r2 r3]: a lane permutation brings each partner alongside, the
    /// exchange word t is computed in the lower lanes of each pair and copied to the upper ones, and a
    /// per-lane shift (j for the lower, 0 for the upper lanes) applies it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose64Avx2(ref ulong row0)
    {
        ulong mask = 0x00000000FFFFFFFFUL;
        for (int j = 32; j >= 4; j >>= 1, mask ^= mask << j)
        {
            var m = Vector256.Create(mask);
            for (int block = 0; block < 64; block += 2 * j)
            {
                for (int k = block; k < block + j; k += 4)
                {
                    ref ulong low = ref Unsafe.Add(ref row0, k);
                    ref ulong high = ref Unsafe.Add(ref row0, k + j);
                    var a = Vector256.LoadUnsafe(ref low);
                    var b = Vector256.LoadUnsafe(ref high);
                    var t = (Vector256.ShiftRightLogical(a, j) ^ b) & m;
                    (a ^ Vector256.ShiftLeft(t, j)).StoreUnsafe(ref low);
                    (b ^ t).StoreUnsafe(ref high);
                }
            }
        }
        // j = 2 (mask 0x3333…): lanes (0, 2) and (1, 3); j = 1 (mask 0x5555…): lanes (0, 1) and (2, 3).
        var mask2 = Vector256.Create(0x3333333333333333UL, 0x3333333333333333UL, 0, 0);
        var shift2 = Vector256.Create(2UL, 2UL, 0UL, 0UL);
        var mask1 = Vector256.Create(0x5555555555555555UL, 0, 0x5555555555555555UL, 0);
        var shift1 = Vector256.Create(1UL, 0UL, 1UL, 0UL);
        for (int k = 0; k < 64; k += 4)
        {
            ref ulong at = ref Unsafe.Add(ref row0, k);
            var v = Vector256.LoadUnsafe(ref at);
            var t = (Vector256.ShiftRightLogical(v, 2) ^ Avx2.Permute4x64(v, 0b01_00_11_10)) & mask2;
            v ^= Avx2.ShiftLeftLogicalVariable(t | Avx2.Permute4x64(t, 0b01_00_11_10), shift2);
            t = (Vector256.ShiftRightLogical(v, 1) ^ Avx2.Permute4x64(v, 0b10_11_00_01)) & mask1;
            v ^= Avx2.ShiftLeftLogicalVariable(t | Avx2.Permute4x64(t, 0b10_11_00_01), shift1);
            v.StoreUnsafe(ref at);
        }
    }
}

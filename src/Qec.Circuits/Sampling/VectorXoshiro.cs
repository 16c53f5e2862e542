using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Qec.Core.Sampling;

namespace Qec.Circuits.Sampling;

/// <summary>
/// The frame simulator's random words, made a row at a time: four xoshiro256** streams side by side in
/// the lanes of a <see cref="Vector256{T}"/>, 256 bits per step (Blackman &amp; Vigna, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47 (2021)); the multiplications by 5 and 9 are
/// shift-and-add, and <see cref="Fill"/> keeps the state in registers for a whole span. It feeds the
/// gauge components (what a reset or measurement leaves as a stabiliser, see <see cref="FrameSimulator"/>)
/// and the <see cref="NoisePool"/>; it is seeded from the sampler's <see cref="Xoshiro256StarStar"/>
/// once per batch, so the bytes still depend on the seed only.
/// </summary>
internal sealed class VectorXoshiro
{
    private Vector256<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Seeds the four streams with 16 words of <paramref name="rng"/> (an all-zero lane state has probability 2⁻²⁵⁶).</summary>
    public void Seed(ref Xoshiro256StarStar rng)
    {
        _s0 = Vector256.Create(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64());
        _s1 = Vector256.Create(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64());
        _s2 = Vector256.Create(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64());
        _s3 = Vector256.Create(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64());
    }

    /// <summary>Overwrites <paramref name="words"/> (a multiple of 4 long) with random words.</summary>
    public void Fill(Span<ulong> words)
    {
        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        foreach (ref var lanes in MemoryMarshal.Cast<ulong, Vector256<ulong>>(words))
        {
            var times5 = (s1 << 2) + s1;
            var rotated = (times5 << 7) | Vector256.ShiftRightLogical(times5, 57);
            lanes = (rotated << 3) + rotated;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << 45) | Vector256.ShiftRightLogical(s3, 19);
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }
}

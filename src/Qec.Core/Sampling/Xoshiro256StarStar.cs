using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qec.Core.Sampling;

/// <summary>
/// The xoshiro256** pseudo-random generator (Blackman and Vigna, "Scrambled linear pseudorandom
/// number generators", ACM TOMS 47(4), 2021): 256 bits of state, period 2^256 − 1, passes BigCrush,
/// about one nanosecond per 64-bit output. Seeded through SplitMix64 (Steele, Lea and Flood,
/// OOPSLA 2014) as its authors recommend, so that any 64-bit seed, 0 included, gives a good state.
/// A mutable struct: copy it and both copies continue the same sequence independently.
/// Not cryptographic. The output sequence for a seed is fixed forever (sampled data depends on it).
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose state is four successive outputs of SplitMix64 started at <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>A generator with the given raw state (not all zero): for reference test vectors.</summary>
    internal static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        var rng = default(Xoshiro256StarStar);
        rng._s0 = s0;
        rng._s1 = s1;
        rng._s2 = s2;
        rng._s3 = s3;
        return rng;
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// One step of SplitMix64: advances <paramref name="state"/> by the golden-ratio increment and
    /// returns its finalised (bijectively mixed) value. Used for seeding and for deriving sub-seeds.
    /// </summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Qec.Core.Sampling;

namespace Qec.Circuits.Sampling;

/// <summary>
/// Standard exponential variates E = −ln U, U uniform in (0, 1], made <see cref="Size"/> at a time:
/// the uniforms are drawn in one loop and their logarithms taken by one vectorised call
/// (<c>TensorPrimitives.Log</c>), so the geometric skips
/// of <see cref="NoiseHits"/> no longer wait on a scalar <c>log</c> per hit. Variates are handed
/// out in the order drawn, so the stream depends on the generator's seed only.
/// </summary>
internal sealed class ExponentialPool
{
    /// <summary>Variates per refill.</summary>
    public const int Size = 256;

    private readonly double[] _values = new double[Size];
    private int _next = Size;

    /// <summary>The next variate (≥ 0, finite), refilling from <paramref name="rng"/> when the pool is spent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(ref Xoshiro256StarStar rng)
    {
        if (_next == Size)
        {
            Refill(ref rng);
        }
        return _values[_next++];
    }

    private void Refill(ref Xoshiro256StarStar rng)
    {
        var values = _values.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            // U in (0, 1]: 53 random bits plus one, so ln U is finite.
            values[i] = ((rng.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
        }
        TensorPrimitives.Log(values, values);
        TensorPrimitives.Negate(values, values);
        _next = 0;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qec.Core.Sampling;

/// <summary>
/// Exponential(1) variates by the ziggurat method (Marsaglia and Tsang, "The ziggurat method for
/// generating random variables", J. Stat. Softw. 5(8), 2000, section 2 with 256 layers). About 99% of
/// draws cost one 64-bit random number, a table lookup, a multiply and a compare: several times
/// cheaper than −ln U. The result is exact up to double rounding (rejection makes it so).
/// </summary>
/// <remarks>
/// Layers: layer 0 is the base [0, X0]×[0, f(r)] together with the tail x &gt; r (same area v);
/// layer i ≥ 1 is the box [0, X_i]×[f(X_i), f(X_{i+1})] with X_1 = r &gt; X_2 &gt; … &gt; X_256 = 0 and
/// f(x) = e^−x; every layer has area v. A point uniform in a layer is under the curve for sure when
/// its x is below the next layer's edge (the fast path), else it is tested against f (the wedge) or,
/// in layer 0, replaced by a tail variate r − ln U (memorylessness of the exponential).
/// </remarks>
internal static class ExponentialZiggurat
{
    private const int Layers = 256;

    /// <summary>Right edge of the last box, for 256 layers (Marsaglia and Tsang, 2000).</summary>
    private const double R = 7.69711747013104972;

    /// <summary>Area of every layer: r·f(r) + ∫_r^∞ f = (r + 1)·e^−r.</summary>
    private const double V = 0.0039496598225815571993;

    private const double Unit53 = 1.0 / (1UL << 53);

    // Per layer i: X[i]·2^−53 (turns 53 random bits into x), the fast-accept bound on those bits
    // ⌊2^53·X[i+1]/X[i]⌋, and f at both edges of the layer's height band.
    private static readonly double[] s_scale = new double[Layers];
    private static readonly ulong[] s_fastBound = new ulong[Layers];
    private static readonly double[] s_fLow = new double[Layers];
    private static readonly double[] s_fHigh = new double[Layers];

    static ExponentialZiggurat()
    {
        var x = new double[Layers + 1];
        x[0] = V / Math.Exp(-R);
        x[1] = R;
        for (int i = 1; i < Layers - 1; i++)
        {
            x[i + 1] = -Math.Log(Math.Exp(-x[i]) + V / x[i]);
        }
        x[Layers] = 0;
        for (int i = 0; i < Layers; i++)
        {
            s_scale[i] = x[i] * Unit53;
            s_fastBound[i] = (ulong)(x[i + 1] / x[i] * (1UL << 53));
            s_fLow[i] = i == 0 ? 0 : Math.Exp(-x[i]);
            s_fHigh[i] = Math.Exp(-x[i + 1]);
        }
    }

    /// <summary>One Exponential(1) variate (mean 1) from <paramref name="rng"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Next(ref Xoshiro256StarStar rng)
    {
        ulong u = rng.NextUInt64();
        int layer = (int)(u & (Layers - 1));
        ulong bits = u >> 11;
        if (bits < Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_fastBound), layer))
        {
            return bits * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_scale), layer);
        }
        return Slow(ref rng, layer, bits);
    }

    private static double Slow(ref Xoshiro256StarStar rng, int layer, ulong bits)
    {
        while (true)
        {
            double x = bits * s_scale[layer];
            if (bits < s_fastBound[layer])
            {
                return x;
            }
            if (layer == 0)
            {
                // Tail beyond r: r + Exp(1), by inversion with U in (0, 1].
                return R - Math.Log(((rng.NextUInt64() >> 11) + 1) * Unit53);
            }
            double y = s_fLow[layer] + rng.NextDouble() * (s_fHigh[layer] - s_fLow[layer]);
            if (y < Math.Exp(-x))
            {
                return x;
            }
            ulong u = rng.NextUInt64();
            layer = (int)(u & (Layers - 1));
            bits = u >> 11;
        }
    }
}

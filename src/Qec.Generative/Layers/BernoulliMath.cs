using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qec.Generative.Layers;

/// <summary>
/// A Bernoulli output with logit z: q(s = 1) = σ(z). log q(s) = −softplus(−z) for s = 1 and −softplus(z)
/// for s = 0, and d log q(s) / dz = s − σ(z). Written to stay finite for any finite z.
/// </summary>
internal static class BernoulliMath
{
    /// <summary>softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), stable for large |x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));

    /// <summary>σ(z) = 1 / (1 + e^−z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T z) where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-z));

    /// <summary>log q(s) for a bit s with logit z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogProbability<T>(bool s, T z) where T : unmanaged, IFloatingPointIeee754<T> =>
        -Softplus(s ? -z : z);
}

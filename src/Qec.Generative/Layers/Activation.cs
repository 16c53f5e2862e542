using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Qec.Generative.Layers;

/// <summary>The nonlinearity of a hidden layer.</summary>
public enum Activation
{
    /// <summary>tanh(x); smooth everywhere, the default (gradient checks need no kinks).</summary>
    Tanh,

    /// <summary>max(0, x); cheaper, with a kink at 0.</summary>
    Relu,
}

/// <summary>Scalar activation values and derivatives, written in terms of the output a = f(x).</summary>
internal static class ActivationMath
{
    /// <summary>
    /// a = f(pre) elementwise, vectorized (System.Numerics.Tensors). The vectorized tanh is within a few ulp of the scalar
    /// one but gives −6e−8 at 0; exact zeros are kept exact, so a unit with no input (an all-zero syndrome in an untrained
    /// network, for instance) stays exactly 0 and exact ties between classes stay ties, as on the scalar and GPU paths.
    /// </summary>
    public static void Apply<T>(Activation activation, ReadOnlySpan<T> pre, Span<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (activation == Activation.Relu)
        {
            TensorPrimitives.Max(pre, T.Zero, a);
            return;
        }
        TensorPrimitives.Tanh<T>(pre, a);
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = pre[k] == T.Zero ? T.Zero : a[k];
        }
    }

    /// <summary>f'(x) from a = f(x): 1 − a² for tanh, [a &gt; 0] for ReLU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(Activation activation, T a) where T : unmanaged, IFloatingPointIeee754<T> =>
        activation == Activation.Tanh ? T.One - a * a : (a > T.Zero ? T.One : T.Zero);
}

using System.Numerics;
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
    /// <summary>f(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Apply<T>(Activation activation, T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        activation == Activation.Tanh ? T.Tanh(x) : T.Max(x, T.Zero);

    /// <summary>f'(x) from a = f(x): 1 − a² for tanh, [a &gt; 0] for ReLU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(Activation activation, T a) where T : unmanaged, IFloatingPointIeee754<T> =>
        activation == Activation.Tanh ? T.One - a * a : (a > T.Zero ? T.One : T.Zero);
}

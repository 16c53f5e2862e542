using System.Numerics;
using System.Numerics.Tensors;
using Qec.Core.Sampling;
using Qec.Generative.Parameters;

namespace Qec.Generative.Layers;

/// <summary>
/// A MADE hidden layer: a_k = f(MaskedDense(x)_k) and h_k = a_k, or h_k = x_k + a_k when residual (then the
/// input is the previous hidden layer with the same degrees, so the identity path respects the mask: unit k of
/// degree m_k sees unit k of degree m_k). Rows can be computed in any contiguous range, which lets sampling
/// compute each unit exactly once, in degree order.
/// </summary>
internal sealed class HiddenBlock<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Activation _activation;

    /// <summary>Wraps <paramref name="dense"/>; <paramref name="residual"/> needs inputs = outputs.</summary>
    public HiddenBlock(MaskedDense<T> dense, Activation activation, bool residual)
    {
        if (residual && dense.Inputs != dense.Outputs)
            throw new ArgumentException($"a residual block needs as many inputs as outputs, not {dense.Inputs} and {dense.Outputs}");
        Dense = dense;
        _activation = activation;
        Residual = residual;
    }

    /// <summary>The masked affine map inside the block.</summary>
    public MaskedDense<T> Dense { get; }

    /// <summary>Whether h = x + f(Wx + …).</summary>
    public bool Residual { get; }

    /// <summary>See <see cref="MaskedDense{T}.Initialize"/>.</summary>
    public void Initialize(ref Xoshiro256StarStar rng) => Dense.Initialize(ref rng);

    /// <summary>
    /// Computes a_k and h_k for k ∈ [from, to): the pre-activations row by row (into h), then the activation over the
    /// whole range at once (vectorized: the scalar tanh was a third of inference time), then the residual sum.
    /// </summary>
    public void Forward(int from, int to, ReadOnlySpan<T> x, ReadOnlySpan<T> conditionSum, Span<T> a, Span<T> h)
    {
        var pre = h[from..to];
        for (int k = from; k < to; k++)
        {
            h[k] = Dense.Row(k, x, conditionSum);
        }
        var act = a[from..to];
        ActivationMath.Apply(_activation, pre, act);
        if (Residual)
        {
            TensorPrimitives.Add(x[from..to], act, pre);
        }
        else
        {
            act.CopyTo(pre);
        }
    }

    /// <summary>
    /// Back-propagates dL/dh through the block given the forward's <paramref name="a"/>: accumulates the
    /// parameter gradient and, unless <paramref name="dx"/> is empty, adds dL/dx into it (caller clears it).
    /// <paramref name="scratch"/> holds dL/d(pre-activation), one value per output.
    /// </summary>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<byte> condition, ReadOnlySpan<T> a, ReadOnlySpan<T> dh,
        ParameterSet<T> gradient, Span<T> dx, Span<T> scratch)
    {
        var dPre = scratch[..Dense.Outputs];
        for (int k = 0; k < dPre.Length; k++) dPre[k] = dh[k] * ActivationMath.DerivativeFromOutput(_activation, a[k]);
        Dense.Backward(x, condition, dPre, gradient, dx);
        if (Residual && !dx.IsEmpty)
        {
            for (int k = 0; k < dh.Length; k++) dx[k] += dh[k];
        }
    }
}

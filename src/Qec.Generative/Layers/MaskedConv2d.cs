using System.Numerics;
using System.Numerics.Tensors;
using Qec.Core.Sampling;
using Qec.Generative.Parameters;

namespace Qec.Generative.Layers;

/// <summary>
/// A masked 2D convolution with zero padding and an optional unmasked binary condition (PixelCNN, van den Oord
/// et al. 2016; the VAN of Wu, Wang and Zhang, PRL 122, 080602, 2019):
/// y[i, o] = b_o + Σ_{taps t in bounds} Σ_ci W[o, t, ci] x[i + offset_t, ci] + Σ_{j : c_j = 1} V[j, o].
/// <para>
/// Activations are site-major, x[i · C_in + ci], so a site's channels are contiguous. Only the mask's taps are
/// stored (<see cref="MaskedConv2dWindow"/>): the weight is [C_out, taps, C_in] with taps = 2k² + 2k (mask A) or
/// 2k² + 2k + 1 (mask B), so there are no masked weights to keep at zero. A site is computed as an im2col patch
/// p[t · C_in + ci] (zero for taps outside the lattice) and one dot product of length taps · C_in per output
/// channel; sites can be computed one at a time in raster order, which is what sampling needs.
/// </para>
/// </summary>
internal sealed class MaskedConv2d<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MaskedConv2dWindow _window;
    private readonly int _weightIndex, _biasIndex, _conditionIndex;
    private readonly T[] _weight, _bias, _condition;

    /// <summary>Registers "{name}.weight" [outChannels, taps, inChannels], "{name}.bias" [outChannels] and, when
    /// <paramref name="conditionSize"/> &gt; 0, "{name}.condition" [conditionSize, outChannels].</summary>
    public MaskedConv2d(ParameterSet<T> parameters, string name, MaskedConv2dWindow window, bool maskA,
        int inChannels, int outChannels, int conditionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(conditionSize);
        _window = window;
        MaskA = maskA;
        InChannels = inChannels;
        OutChannels = outChannels;
        ConditionSize = conditionSize;
        Taps = window.Taps(maskA);
        _weightIndex = parameters.Add(name + ".weight", outChannels, Taps, inChannels);
        _biasIndex = parameters.Add(name + ".bias", outChannels);
        _conditionIndex = conditionSize > 0 ? parameters.Add(name + ".condition", conditionSize, outChannels) : -1;
        _weight = parameters[_weightIndex].Data;
        _bias = parameters[_biasIndex].Data;
        _condition = conditionSize > 0 ? parameters[_conditionIndex].Data : [];
    }

    /// <summary>Whether the centre tap is excluded (mask A: site i sees sites &lt; i only).</summary>
    public bool MaskA { get; }

    /// <summary>C_in, channels per input site.</summary>
    public int InChannels { get; }

    /// <summary>C_out, channels per output site.</summary>
    public int OutChannels { get; }

    /// <summary>Number of condition bits (0: unconditioned).</summary>
    public int ConditionSize { get; }

    /// <summary>The number of window taps of this mask.</summary>
    public int Taps { get; }

    /// <summary>Length of one im2col patch, taps · C_in.</summary>
    public int PatchLength => Taps * InChannels;

    /// <summary>Scratch length that <see cref="Backward"/> needs: two patches and C_out.</summary>
    public int BackwardScratchLength => 2 * PatchLength + OutChannels;

    /// <summary>Uniform(−a, a) weights with a = 1/√(taps · C_in + conditionSize), zero bias.</summary>
    public void Initialize(ref Xoshiro256StarStar rng)
    {
        double a = 1.0 / Math.Sqrt(PatchLength + ConditionSize);
        for (int j = 0; j < _weight.Length; j++) _weight[j] = T.CreateTruncating((2 * rng.NextDouble() - 1) * a);
        Array.Clear(_bias);
        for (int j = 0; j < _condition.Length; j++) _condition[j] = T.CreateTruncating((2 * rng.NextDouble() - 1) * a);
    }

    /// <summary>conditionSum = Σ_{j : c_j ≠ 0} V[j, ·] (length C_out): the condition's share of every site, once per sample.</summary>
    public void Condition(ReadOnlySpan<byte> condition, Span<T> conditionSum)
    {
        conditionSum.Clear();
        for (int j = 0; j < ConditionSize; j++)
        {
            if (condition[j] != 0) TensorPrimitives.Add(conditionSum, _condition.AsSpan(j * OutChannels, OutChannels), conditionSum);
        }
    }

    /// <summary>
    /// y[site, ·] into <paramref name="y"/> (length C_out). Reads x only at the site's mask taps, i.e. at sites
    /// before <paramref name="site"/> (and at it, for mask B). <paramref name="conditionSum"/> is empty when
    /// unconditioned; <paramref name="patch"/> is scratch of length <see cref="PatchLength"/>.
    /// </summary>
    public void ForwardSite(int site, ReadOnlySpan<T> x, ReadOnlySpan<T> conditionSum, Span<T> y, Span<T> patch)
    {
        var p = patch[..PatchLength];
        Gather(site, x, p);
        for (int o = 0; o < OutChannels; o++)
            y[o] = _bias[o] + TensorPrimitives.Dot<T>(_weight.AsSpan(o * PatchLength, PatchLength), p);
        if (!conditionSum.IsEmpty) TensorPrimitives.Add(y[..OutChannels], conditionSum, y);
    }

    /// <summary>
    /// Back-propagates dL/dy over the whole lattice (<paramref name="dy"/>: sites · C_out, site-major) given the
    /// forward's input <paramref name="x"/>: accumulates dW, db, dV into <paramref name="gradient"/> and, unless
    /// <paramref name="dx"/> is empty, adds dL/dx into it (the caller clears it first). <paramref name="scratch"/>
    /// has length <see cref="BackwardScratchLength"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<byte> condition, ReadOnlySpan<T> dy, ParameterSet<T> gradient,
        Span<T> dx, Span<T> scratch)
    {
        int length = PatchLength, cOut = OutChannels;
        var dWeight = gradient[_weightIndex].Data.AsSpan();
        var dBias = gradient[_biasIndex].Data.AsSpan();
        var patch = scratch[..length];
        var dPatch = scratch.Slice(length, length);
        var dySum = scratch.Slice(2 * length, cOut);
        dySum.Clear();
        for (int site = 0; site < _window.Sites; site++)
        {
            var g = dy.Slice(site * cOut, cOut);
            TensorPrimitives.Add(dySum, g, dySum);
            Gather(site, x, patch);
            dPatch.Clear();
            for (int o = 0; o < cOut; o++)
            {
                T go = g[o];
                if (go == T.Zero) continue;
                var dRow = dWeight.Slice(o * length, length);
                TensorPrimitives.MultiplyAdd(patch, go, dRow, dRow);
                if (!dx.IsEmpty) TensorPrimitives.MultiplyAdd(_weight.AsSpan(o * length, length), go, dPatch, dPatch);
            }
            if (!dx.IsEmpty) Scatter(site, dPatch, dx);
        }
        TensorPrimitives.Add(dBias, dySum, dBias);
        if (ConditionSize == 0) return;
        var dCondition = gradient[_conditionIndex].Data.AsSpan();
        for (int j = 0; j < ConditionSize; j++)
        {
            if (condition[j] != 0)
            {
                var dRow = dCondition.Slice(j * cOut, cOut);
                TensorPrimitives.Add(dRow, dySum, dRow);
            }
        }
    }

    /// <summary>patch[t · C_in + ci] = x[neighbor_t · C_in + ci] for the site's in-bounds mask taps, 0 elsewhere.</summary>
    private void Gather(int site, ReadOnlySpan<T> x, Span<T> patch)
    {
        int c = InChannels, from = _window.Start[site], to = _window.End(site, MaskA);
        if (to - from < Taps) patch.Clear();
        var tap = _window.Tap;
        var neighbor = _window.Neighbor;
        if (c == 1)
        {
            for (int e = from; e < to; e++) patch[tap[e]] = x[neighbor[e]];
            return;
        }
        for (int e = from; e < to; e++) x.Slice(neighbor[e] * c, c).CopyTo(patch.Slice(tap[e] * c, c));
    }

    /// <summary>dx[neighbor_t · C_in + ci] += dPatch[t · C_in + ci] for the site's in-bounds mask taps (the adjoint of Gather).</summary>
    private void Scatter(int site, ReadOnlySpan<T> dPatch, Span<T> dx)
    {
        int c = InChannels, from = _window.Start[site], to = _window.End(site, MaskA);
        var tap = _window.Tap;
        var neighbor = _window.Neighbor;
        for (int e = from; e < to; e++)
        {
            if (c == 1)
            {
                dx[neighbor[e]] += dPatch[tap[e]];
                continue;
            }
            var target = dx.Slice(neighbor[e] * c, c);
            TensorPrimitives.Add(target, dPatch.Slice(tap[e] * c, c), target);
        }
    }
}

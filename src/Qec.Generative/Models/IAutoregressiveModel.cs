using System.Numerics;
using Qec.Core.Sampling;
using Qec.Generative.Parameters;

namespace Qec.Generative.Models;

/// <summary>
/// A normalized autoregressive distribution over n bits, q(s | c) = Π_i q(s_i | s_&lt;i, c), with
/// q(s_i = 1 | s_&lt;i, c) = σ(z_i) — the variational autoregressive network of Wu, Wang and Zhang (PRL 122,
/// 080602, 2019) and, conditioned on a syndrome c, the generative decoder of Cao, Pan, Wang and Zhang
/// (qecGPT, arXiv 2307.09025). Bits and condition bits are bytes holding 0 or 1 (any nonzero byte reads as 1);
/// for Ising spins map σ = 2s − 1. An unconditioned model has <see cref="ConditionSize"/> = 0 and takes an
/// empty condition. Every method is read-only on the parameters, so threads may share one model, each with its
/// own <see cref="ModelWorkspace"/> and gradient set.
/// </summary>
public interface IAutoregressiveModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>n, the number of bits in a sample.</summary>
    int Variables { get; }

    /// <summary>The number of condition bits (0 when unconditioned).</summary>
    int ConditionSize { get; }

    /// <summary>The trainable parameters, in a fixed order; optimizers and serialization work on this set.</summary>
    ParameterSet<T> Parameters { get; }

    /// <summary>A short name of the architecture saved as metadata "model.kind", e.g. "made".</summary>
    string Kind { get; }

    /// <summary>Scratch memory for one thread.</summary>
    ModelWorkspace CreateWorkspace();

    /// <summary>log q(s | c), exactly.</summary>
    T LogProbability(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, ModelWorkspace workspace);

    /// <summary>Writes q(s_i = 1 | s_&lt;i, c) for every i into <paramref name="probabilities"/> (length n);
    /// entry i depends on bits[..i] only. Returns log q(s | c).</summary>
    T Conditionals(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, Span<T> probabilities, ModelWorkspace workspace);

    /// <summary>Draws s ~ q(· | c) by ancestral sampling into <paramref name="bits"/> and returns log q(s | c).
    /// The same generator state gives the same sample.</summary>
    T Sample(Span<byte> bits, ReadOnlySpan<byte> condition, ref Xoshiro256StarStar rng, ModelWorkspace workspace);

    /// <summary>Greedy decoding: s_i = [q(s_i = 1 | s_&lt;i, c) &gt; ½] bit by bit (ties give 0), written into
    /// <paramref name="bits"/>; returns log q of the chosen string. Not the most probable string in general.</summary>
    T Greedy(Span<byte> bits, ReadOnlySpan<byte> condition, ModelWorkspace workspace);

    /// <summary>
    /// Adds <paramref name="weight"/> · ∇_θ log q(s | c) into <paramref name="gradient"/> (a set made by
    /// <c>Parameters.CreateZerosLike()</c>) and returns log q(s | c). Summed over a batch this is the gradient of
    /// Σ_b w_b log q(s_b | c_b): w_b = −1/B gives the negative log-likelihood (maximum likelihood), and
    /// w_b = (f_b − f̄)/B with f_b = log q(s_b) + β E(s_b) gives the REINFORCE estimate of the VAN free-energy gradient.
    /// </summary>
    T AccumulateGradient(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, T weight, ParameterSet<T> gradient, ModelWorkspace workspace);

    /// <summary>The architecture as string pairs ("model.*" keys) from which <see cref="Serialization.ModelFile"/> rebuilds the model.</summary>
    IReadOnlyDictionary<string, string> DescribeArchitecture();
}

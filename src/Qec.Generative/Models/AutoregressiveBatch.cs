using System.Numerics;
using Qec.Core.Sampling;
using Qec.Generative.Parameters;

namespace Qec.Generative.Models;

/// <summary>
/// Batch forms of the <see cref="IAutoregressiveModel{T}"/> calls. A batch of B samples is a row-major byte
/// array of B·n bits; its conditions are B·m bits (empty when the model is unconditioned).
/// </summary>
public static class AutoregressiveBatch
{
    /// <summary>logq[b] = log q(s_b | c_b) for every row b.</summary>
    public static void LogProbabilities<T>(this IAutoregressiveModel<T> model, ReadOnlySpan<byte> samples,
        ReadOnlySpan<byte> conditions, Span<T> logq, ModelWorkspace workspace) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckBatch(model, samples.Length, conditions.Length, logq.Length);
        int n = model.Variables, m = model.ConditionSize;
        for (int b = 0; b < batch; b++)
            logq[b] = model.LogProbability(samples.Slice(b * n, n), conditions.Slice(b * m, m), workspace);
    }

    /// <summary>Fills every row of <paramref name="samples"/> with s_b ~ q(· | c_b), drawn in row order from one
    /// generator seeded with <paramref name="seed"/>; logq[b] receives log q(s_b | c_b).</summary>
    public static void SampleBatch<T>(this IAutoregressiveModel<T> model, Span<byte> samples, ReadOnlySpan<byte> conditions,
        Span<T> logq, ulong seed, ModelWorkspace workspace) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckBatch(model, samples.Length, conditions.Length, logq.Length);
        int n = model.Variables, m = model.ConditionSize;
        var rng = new Xoshiro256StarStar(seed);
        for (int b = 0; b < batch; b++)
            logq[b] = model.Sample(samples.Slice(b * n, n), conditions.Slice(b * m, m), ref rng, workspace);
    }

    /// <summary>Greedy decoding of every row: bits into <paramref name="samples"/>, log q of each string into <paramref name="logq"/>.</summary>
    public static void GreedyBatch<T>(this IAutoregressiveModel<T> model, Span<byte> samples, ReadOnlySpan<byte> conditions,
        Span<T> logq, ModelWorkspace workspace) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckBatch(model, samples.Length, conditions.Length, logq.Length);
        int n = model.Variables, m = model.ConditionSize;
        for (int b = 0; b < batch; b++)
            logq[b] = model.Greedy(samples.Slice(b * n, n), conditions.Slice(b * m, m), workspace);
    }

    /// <summary>
    /// Adds ∇_θ Σ_b w_b log q(s_b | c_b) into <paramref name="gradient"/> (not cleared here) and writes each
    /// log q(s_b | c_b) into <paramref name="logq"/>. See <see cref="IAutoregressiveModel{T}.AccumulateGradient"/> for the weights.
    /// </summary>
    public static void AccumulateGradient<T>(this IAutoregressiveModel<T> model, ReadOnlySpan<byte> samples,
        ReadOnlySpan<byte> conditions, ReadOnlySpan<T> weights, ParameterSet<T> gradient, Span<T> logq, ModelWorkspace workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckBatch(model, samples.Length, conditions.Length, logq.Length);
        if (weights.Length != batch) throw new ArgumentException($"{weights.Length} weights for a batch of {batch}", nameof(weights));
        int n = model.Variables, m = model.ConditionSize;
        for (int b = 0; b < batch; b++)
            logq[b] = model.AccumulateGradient(samples.Slice(b * n, n), conditions.Slice(b * m, m), weights[b], gradient, workspace);
    }

    private static int CheckBatch<T>(IAutoregressiveModel<T> model, int sampleBytes, int conditionBytes, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = model.Variables, m = model.ConditionSize;
        if (sampleBytes % n != 0) throw new ArgumentException($"{sampleBytes} sample bytes is not a whole number of {n}-bit rows");
        int batch = sampleBytes / n;
        if (conditionBytes != batch * m)
            throw new ArgumentException($"{conditionBytes} condition bytes for {batch} rows of {m} condition bits");
        if (outputs != batch) throw new ArgumentException($"{outputs} outputs for a batch of {batch}");
        return batch;
    }
}

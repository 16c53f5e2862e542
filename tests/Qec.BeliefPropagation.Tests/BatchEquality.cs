using Qec.BeliefPropagation.Decoders;

namespace Qec.BeliefPropagation.Tests;

/// <summary>A batch path (GPU kernels, CPU lanes) against the single-shot plain path, shot by shot.</summary>
internal static class BatchEquality
{
    /// <summary>Decodes every shot with <paramref name="plain"/> and asserts the batch gave the same observables, iterations and convergence.</summary>
    public static void AssertEqualsSingleShots(BpCompiledDecoder plain, byte[] dets, int shots, Decode batch, string context)
    {
        int db = (plain.NumDetectors + 7) >> 3, ob = (plain.NumObservables + 7) >> 3;
        var batchFlips = new byte[shots * ob];
        var iterations = new int[shots];
        var converged = new bool[shots];
        batch(dets, batchFlips, shots, iterations, converged);
        var single = plain.CreateDecoder();
        var flips = new byte[ob];
        for (int s = 0; s < shots; s++)
        {
            single.Decode(dets.AsSpan(s * db, db), flips);
            Assert.True(flips.AsSpan().SequenceEqual(batchFlips.AsSpan(s * ob, ob)), $"shot {s} ({context}): observables differ");
            Assert.Equal(single.LastIterations, iterations[s]);
            Assert.Equal(single.LastConverged, converged[s]);
        }
    }

    /// <summary>A batch decode with per-shot iterations and convergence.</summary>
    public delegate void Decode(ReadOnlySpan<byte> dets, Span<byte> flips, int shots, Span<int> iterations, Span<bool> converged);
}

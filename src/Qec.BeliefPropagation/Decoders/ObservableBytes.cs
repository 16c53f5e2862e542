using Qec.BeliefPropagation.Graph;

namespace Qec.BeliefPropagation.Decoders;

/// <summary>The observables a decision (one flag per mechanism) flips, as Stim's b8 bytes.</summary>
public static class ObservableBytes
{
    /// <summary>Writes the b8-packed observable flips of <paramref name="solution"/> (all bytes of <paramref name="output"/>).</summary>
    public static void FromSolution(TannerGraph graph, ReadOnlySpan<bool> solution, Span<byte> output)
    {
        output.Clear();
        int words = graph.ObservableWords;
        for (int v = 0; v < solution.Length; v++)
        {
            if (!solution[v])
            {
                continue;
            }
            for (int i = 0; i < output.Length; i++)
            {
                output[i] ^= (byte)(graph.ObservableMask[v * words + (i >> 3)] >> ((i & 7) << 3));
            }
        }
    }
}

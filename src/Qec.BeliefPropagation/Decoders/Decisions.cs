using Qec.BeliefPropagation.Graph;

namespace Qec.BeliefPropagation.Decoders;

/// <summary>What a decision (one flag per mechanism) means: the observables it flips and its weight.</summary>
public static class Decisions
{
    /// <summary>Writes the b8-packed observable flips of <paramref name="decision"/> (all bytes of <paramref name="output"/>).</summary>
    public static void Observables(TannerGraph graph, ReadOnlySpan<bool> decision, Span<byte> output)
    {
        output.Clear();
        int words = graph.ObservableWords;
        for (int v = 0; v < decision.Length; v++)
        {
            if (!decision[v])
            {
                continue;
            }
            for (int i = 0; i < output.Length; i++)
            {
                output[i] ^= (byte)(graph.ObservableMask[v * words + (i >> 3)] >> ((i & 7) << 3));
            }
        }
    }

    /// <summary>Σ ln((1−p)/p) over the flagged mechanisms, in variable order (as <see cref="MessagePassing.BpEngine.DecisionWeight"/>).</summary>
    public static double Weight(TannerGraph graph, ReadOnlySpan<bool> decision)
    {
        double weight = 0;
        for (int v = 0; v < decision.Length; v++)
        {
            weight += decision[v] ? graph.PriorLlr[v] : 0;
        }
        return weight;
    }
}

using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Correlated;

/// <summary>One re-weighting rule: set both adjacency slots of an edge (SlotB = −1 for a boundary edge) to Weight if that is lower.</summary>
internal readonly record struct ImpliedWeight(int SlotA, int SlotB, int Weight);

/// <summary>
/// The implied weights of <see cref="JointProbabilities"/> discretized like the edges (2·round(w·C),
/// halves away from zero, the C that also counts the implied weights) and addressed by adjacency
/// slot of a <see cref="FloodGraph"/>: the rules caused by the edge whose canonical slot is s are
/// <c>Rules[Start[s]..Start[s+1]]</c>. The canonical slot of an edge is the smaller of its two slots
/// (a boundary edge has one). Immutable, shared by every decoder of a compiled model.
/// </summary>
internal sealed class ImpliedWeightTable
{
    private ImpliedWeightTable(int[] start, ImpliedWeight[] rules)
    {
        Start = start;
        Rules = rules;
    }

    /// <summary>Rule ranges per canonical slot (length = slots + 1).</summary>
    public int[] Start { get; }

    /// <summary>All rules, grouped by causal edge.</summary>
    public ImpliedWeight[] Rules { get; }

    /// <summary>Number of rules.</summary>
    public int Count => Rules.Length;

    /// <summary>The canonical slot of the edge holding slot <paramref name="slot"/>.</summary>
    public static int Canonical(FloodGraph graph, int slot)
    {
        int r = graph.ReverseSlot[slot];
        return r >= 0 && r < slot ? r : slot;
    }

    /// <summary>The slot of edge (a, b) at node a (b = <see cref="JointProbabilities.Boundary"/>: its boundary slot), or −1.</summary>
    public static int FindSlot(FloodGraph graph, int a, int b)
    {
        int target = b == JointProbabilities.Boundary ? -1 : b;
        for (int s = graph.Start[a]; s < graph.Start[a + 1]; s++)
        {
            if (graph.Slots[s].Node == target)
            {
                return s;
            }
        }
        return -1;
    }

    /// <summary>
    /// Discretizes <paramref name="implied"/> with C = <paramref name="c"/> onto <paramref name="graph"/>.
    /// Rules whose causal or affected edge is not in the graph (self-loops) are dropped.
    /// </summary>
    public static ImpliedWeightTable Build(FloodGraph graph, List<((int, int) Causal, (int, int) Affected, double Weight)> implied, double c)
    {
        int slots = graph.Slots.Length;
        var counts = new int[slots + 1];
        var resolved = new List<(int Causal, ImpliedWeight Rule)>(implied.Count);
        foreach (var (causal, affected, w) in implied)
        {
            int cs = FindSlot(graph, causal.Item1, causal.Item2);
            int a = FindSlot(graph, affected.Item1, affected.Item2);
            if (cs < 0 || a < 0)
            {
                continue;
            }
            cs = Canonical(graph, cs);
            int b = graph.ReverseSlot[a];
            int wi = (int)Math.Abs(2 * (long)Math.Round(w * c, MidpointRounding.AwayFromZero));
            resolved.Add((cs, new ImpliedWeight(a, b, wi)));
            counts[cs]++;
        }
        var start = new int[slots + 1];
        for (int s = 0; s < slots; s++)
        {
            start[s + 1] = start[s] + counts[s];
        }
        var rules = new ImpliedWeight[resolved.Count];
        var fill = new int[slots];
        foreach (var (cs, rule) in resolved)
        {
            rules[start[cs] + fill[cs]++] = rule;
        }
        return new ImpliedWeightTable(start, rules);
    }
}

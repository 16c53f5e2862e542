namespace Qec.Matching.Mwpm.Flooder;

/// <summary>One adjacency slot: the neighbour (−1 = boundary) and the discretized |weight| (even, ≤ 2·(2^24 − 1)).</summary>
internal readonly struct FloodEdge(int node, int weight)
{
    public readonly int Node = node;
    public readonly int Weight = weight;
}

/// <summary>
/// The immutable detector graph the flooder walks: compressed-sparse-row adjacency with
/// discretized, non-negative, even integer weights (PyMatching's <c>MatchingGraph</c>; paper §4.1).
/// Node n's slots are <c>Start[n]..Start[n+1]</c>; a boundary edge, if any, is the first slot of its
/// node. Observable masks are kept one 64-bit word per array (<see cref="ObservablesByWord"/>);
/// decoding with more than 64 observables replays the timeline once per word. Edges of negative
/// weight are stored with |w| and corrected per shot (<see cref="NegativeWeightDetectors"/>).
/// Invariant relied on by unchecked indexing in the flooder: every slot's node is −1 or in range.
/// Shared by every decoder instance of a compiled model.
/// </summary>
internal sealed class FloodGraph
{
    internal FloodGraph(int numNodes, int numObservables, int[] start, FloodEdge[] slots, int[] reverseSlot,
        ulong[][] observablesByWord, int[] negativeWeightDetectors, ulong[] negativeWeightObservables,
        long negativeWeightSum, double normalisingConstant)
    {
        if (start.Length != numNodes + 1 || start[numNodes] != slots.Length || reverseSlot.Length != slots.Length)
        {
            throw new ArgumentException("inconsistent adjacency arrays");
        }
        foreach (var e in slots)
        {
            if (e.Node < -1 || e.Node >= numNodes || e.Weight < 0)
            {
                throw new ArgumentException($"adjacency slot to node {e.Node} with weight {e.Weight} is out of range");
            }
        }
        NumNodes = numNodes;
        NumObservables = numObservables;
        Start = start;
        Slots = slots;
        ReverseSlot = reverseSlot;
        ObservablesByWord = observablesByWord;
        NegativeWeightDetectors = negativeWeightDetectors;
        NegativeWeightObservables = negativeWeightObservables;
        NegativeWeightSum = negativeWeightSum;
        NormalisingConstant = normalisingConstant;
    }

    /// <summary>Number of detector nodes.</summary>
    public int NumNodes { get; }

    /// <summary>Number of logical observables.</summary>
    public int NumObservables { get; }

    /// <summary>64-bit words per observable mask (at least 1).</summary>
    public int ObservableWords => ObservablesByWord.Length;

    /// <summary>CSR row starts (length NumNodes + 1).</summary>
    public int[] Start { get; }

    /// <summary>Adjacency slots: neighbour and weight.</summary>
    public FloodEdge[] Slots { get; }

    /// <summary>For each slot u→v, the slot v→u (−1 for the boundary).</summary>
    public int[] ReverseSlot { get; }

    /// <summary>Observable masks per slot, one array per 64-bit word.</summary>
    public ulong[][] ObservablesByWord { get; }

    /// <summary>Nodes touched an odd number of times by negative-weight edges, ascending: their
    /// detection events are toggled before decoding (PyMatching's negative-weight handling).</summary>
    public int[] NegativeWeightDetectors { get; }

    /// <summary>XOR of the observable masks of all negative-weight edges, one entry per word.</summary>
    public ulong[] NegativeWeightObservables { get; }

    /// <summary>Sum of the (negative) discretized weights of the negative-weight edges.</summary>
    public long NegativeWeightSum { get; }

    /// <summary>2C: integer weights divided by this are in ln((1-p)/p) units.</summary>
    public double NormalisingConstant { get; }
}

using Qec.Core.Dem;

namespace Qec.Core.Graphs;

/// <summary>
/// The matching graph of a graph-like detector error model: one node per detector plus a virtual
/// boundary; one edge per detector pair (or detector and boundary) that some error component flips.
/// Parallel edges are merged as independent mechanisms, p = p1(1-p2) + p2(1-p1), keeping the first
/// observable mask (PyMatching's "independent" merge); weight = ln((1-p)/p). Errors with more than
/// two detectors must be decomposed with '^' (Stim's --decompose_errors) or are rejected.
/// Immutable: built once per model and shared by every decoder compiled from it.
/// </summary>
public sealed class MatchingGraph
{
    /// <summary>The node index that stands for the boundary in <see cref="MatchingEdge.B"/>.</summary>
    public const int Boundary = -1;

    private readonly MatchingEdge[] _edges;
    private readonly ulong[] _edgeObservables;
    private readonly int[] _nodeEdgeStart;
    private readonly int[] _nodeEdges;

    private MatchingGraph(int numDetectors, int numObservables, MatchingEdge[] edges, ulong[] edgeObservables)
    {
        NumDetectors = numDetectors;
        NumObservables = numObservables;
        ObservableWords = Math.Max(1, (numObservables + 63) / 64);
        _edges = edges;
        _edgeObservables = edgeObservables;

        // Adjacency in compressed sparse rows: node n's incident edges are _nodeEdges[start[n]..start[n+1]].
        _nodeEdgeStart = new int[numDetectors + 1];
        foreach (var e in edges)
        {
            _nodeEdgeStart[e.A + 1]++;
            if (e.B != Boundary)
            {
                _nodeEdgeStart[e.B + 1]++;
            }
        }
        for (int n = 0; n < numDetectors; n++)
        {
            _nodeEdgeStart[n + 1] += _nodeEdgeStart[n];
        }
        _nodeEdges = new int[_nodeEdgeStart[numDetectors]];
        var fill = _nodeEdgeStart[..^1];
        for (int i = 0; i < edges.Length; i++)
        {
            _nodeEdges[fill[edges[i].A]++] = i;
            if (edges[i].B != Boundary)
            {
                _nodeEdges[fill[edges[i].B]++] = i;
            }
        }
    }

    /// <summary>Number of detector nodes (the boundary is not counted).</summary>
    public int NumDetectors { get; }

    /// <summary>Number of logical observables.</summary>
    public int NumObservables { get; }

    /// <summary>64-bit words per observable mask: max(1, ceil(NumObservables / 64)).</summary>
    public int ObservableWords { get; }

    /// <summary>All merged edges.</summary>
    public ReadOnlySpan<MatchingEdge> Edges => _edges;

    /// <summary>Observable mask of an edge (bit k of word k/64 = flips observable k).</summary>
    public ReadOnlySpan<ulong> EdgeObservables(int edge) => _edgeObservables.AsSpan(edge * ObservableWords, ObservableWords);

    /// <summary>Indices of the edges incident to a detector, boundary edge included.</summary>
    public ReadOnlySpan<int> EdgesOf(int detector) =>
        _nodeEdges.AsSpan(_nodeEdgeStart[detector], _nodeEdgeStart[detector + 1] - _nodeEdgeStart[detector]);

    /// <summary>Builds the graph of a model; throws <see cref="ArgumentException"/> if it is not graph-like.</summary>
    public static MatchingGraph From(DetectorErrorModel model) => From(model.Flatten());

    /// <summary>Builds the graph of a flattened model.</summary>
    public static MatchingGraph From(FlatDetectorErrorModel model)
    {
        int words = Math.Max(1, (model.NumObservables + 63) / 64);
        var index = new Dictionary<(int, int), int>();
        var edges = new List<MatchingEdge>();
        var observables = new List<ulong>();
        Span<ulong> mask = stackalloc ulong[words];
        var detectors = new List<int>(4);
        for (int error = 0; error < model.NumErrors; error++)
        {
            double p = model.Probability(error);
            var targets = model.Targets(error);
            int start = 0;
            while (start <= targets.Length)
            {
                int end = start;
                while (end < targets.Length && targets[end].Kind != DemTargetKind.Separator)
                {
                    end++;
                }
                ReadComponent(targets[start..end], detectors, mask);
                if (detectors.Count > 2)
                {
                    throw new ArgumentException(
                        $"error {error} ({Describe(model, error)}) has a component with {detectors.Count} detectors; " +
                        "a matching graph needs at most 2 per component: decompose it with '^' (stim analyze_errors --decompose_errors)");
                }
                if (detectors.Count > 0 && p > 0)
                {
                    int a = detectors[0], b = detectors.Count == 2 ? detectors[1] : Boundary;
                    if (b != Boundary && b < a)
                    {
                        (a, b) = (b, a);
                    }
                    AddOrMerge(index, edges, observables, a, b, p, mask);
                }
                start = end + 1;
            }
        }
        return new MatchingGraph(model.NumDetectors, model.NumObservables, edges.ToArray(), observables.ToArray());
    }

    /// <summary>ln((1-p)/p): the weight of an edge that fires with probability p.</summary>
    public static double WeightOf(double p) => Math.Log((1 - p) / p);

    /// <summary>The probability of an odd number of two independent mechanisms firing.</summary>
    public static double MergeProbabilities(double p1, double p2) => p1 * (1 - p2) + p2 * (1 - p1);

    private static void AddOrMerge(Dictionary<(int, int), int> index, List<MatchingEdge> edges, List<ulong> observables,
        int a, int b, double p, ReadOnlySpan<ulong> mask)
    {
        if (index.TryGetValue((a, b), out int existing))
        {
            double merged = MergeProbabilities(edges[existing].Probability, p);
            edges[existing] = edges[existing] with { Probability = merged, Weight = WeightOf(merged) };
            return;
        }
        index[(a, b)] = edges.Count;
        edges.Add(new MatchingEdge(a, b, p, WeightOf(p)));
        foreach (ulong w in mask)
        {
            observables.Add(w);
        }
    }

    /// <summary>Detectors and observables of one '^' component; a target named twice cancels (XOR).</summary>
    private static void ReadComponent(ReadOnlySpan<DemTarget> component, List<int> detectors, Span<ulong> mask)
    {
        detectors.Clear();
        mask.Clear();
        foreach (var t in component)
        {
            if (t.Kind == DemTargetKind.Detector)
            {
                int d = (int)t.Index;
                if (!detectors.Remove(d))
                {
                    detectors.Add(d);
                }
            }
            else if (t.Kind == DemTargetKind.Observable)
            {
                mask[(int)(t.Index / 64)] ^= 1UL << (int)(t.Index % 64);
            }
        }
    }

    private static string Describe(FlatDetectorErrorModel model, int error)
    {
        var text = new System.Text.StringBuilder("error(").Append(DemWriter.FormatNumber(model.Probability(error))).Append(')');
        foreach (var t in model.Targets(error))
        {
            text.Append(' ').Append(t.ToString());
        }
        return text.ToString();
    }

    /// <summary>True when every error component flips at most two detectors.</summary>
    public static bool IsGraphLike(FlatDetectorErrorModel model)
    {
        for (int error = 0; error < model.NumErrors; error++)
        {
            int count = 0;
            foreach (var t in model.Targets(error))
            {
                if (t.Kind == DemTargetKind.Separator)
                {
                    count = 0;
                }
                else if (t.Kind == DemTargetKind.Detector && ++count > 2)
                {
                    return false;
                }
            }
        }
        return true;
    }
}

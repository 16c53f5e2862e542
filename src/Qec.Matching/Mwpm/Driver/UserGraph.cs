using Qec.Core.Dem;
using Qec.Core.Graphs;
using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Mwpm.Driver;

/// <summary>
/// The user-level graph with float weights, built exactly as PyMatching v2 builds it so integer
/// weights (and hence <c>weight_int</c>) agree bit for bit (its <c>driver/user_graph.cc</c>):
/// per DEM component w = ln((1−p)/p); a parallel edge is merged "independently" in weight space
/// (<see cref="MergeWeights"/>, keeping the first observables); then C = (2^24 − 1)/max|w| (or 1 when
/// every weight is an integer) and each edge gets 2·round(w·C), halves away from zero.
/// Edge order is first-insertion order; boundary edges go to slot 0 of their node.
/// </summary>
internal sealed class UserGraph
{
    /// <summary>Largest |w| PyMatching accepts (and the half-range of discretized weights).</summary>
    public const double MaxUserEdgeWeight = (1 << 24) - 1;

    private readonly List<(int A, int B, double Weight, ulong[] Observables)> _edges = [];
    private readonly Dictionary<(int, int), int> _index = [];

    public UserGraph(int numNodes, int numObservables)
    {
        NumNodes = numNodes;
        NumObservables = numObservables;
        ObservableWords = Math.Max(1, (numObservables + 63) / 64);
    }

    public int NumNodes { get; }

    public int NumObservables { get; }

    public int ObservableWords { get; }

    /// <summary>Number of (merged) edges.</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>
    /// Weight of independent parallel mechanisms with weights a and b, computed in weight space to
    /// avoid overflow (PyMatching's <c>merge_weights</c>; Hagenauer et al., IEEE Trans. Inf. Theory 42 (1996), eq. 6).
    /// </summary>
    public static double MergeWeights(double a, double b)
    {
        double sign = Math.CopySign(1.0, a) * Math.CopySign(1.0, b);
        double signedMin = sign * Math.Min(Math.Abs(a), Math.Abs(b));
        return signedMin + Math.Log(1 + Math.Exp(-Math.Abs(a + b))) - Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
    }

    /// <summary>Adds an edge (b = −1: to the boundary) or merges it into an existing parallel one.</summary>
    public void AddOrMergeEdge(int a, int b, double weight, ReadOnlySpan<ulong> observables)
    {
        if (a < 0 || a >= NumNodes || b < -1 || b >= NumNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"edge ({a}, {b}) names a node outside 0..{NumNodes - 1}");
        }
        if (double.IsNaN(weight) || double.IsInfinity(weight))
        {
            throw new ArgumentException($"edge ({a}, {b}) has weight {weight}; weights must be finite");
        }
        var key = b < 0 ? (a, -1) : (Math.Min(a, b), Math.Max(a, b));
        if (_index.TryGetValue(key, out int existing))
        {
            var e = _edges[existing];
            _edges[existing] = e with { Weight = MergeWeights(weight, e.Weight) };
            return;
        }
        var obs = new ulong[ObservableWords];
        observables[..Math.Min(observables.Length, obs.Length)].CopyTo(obs);
        _index[key] = _edges.Count;
        _edges.Add((a, b, weight, obs));
    }

    /// <summary>The graph of a flattened DEM, component by component, as PyMatching's DEM loader does.</summary>
    public static UserGraph FromDem(FlatDetectorErrorModel model)
    {
        var g = new UserGraph(model.NumDetectors, model.NumObservables);
        Span<ulong> mask = stackalloc ulong[g.ObservableWords];
        Span<int> dets = stackalloc int[2];
        for (int error = 0; error < model.NumErrors; error++)
        {
            double p = model.Probability(error);
            var targets = model.Targets(error);
            int count = 0;
            mask.Clear();
            for (int i = 0; i <= targets.Length; i++)
            {
                if (i == targets.Length || targets[i].Kind == DemTargetKind.Separator)
                {
                    if (p > 0 && count > 0)
                    {
                        double w = Math.Log((1 - p) / p);
                        g.AddOrMergeEdge(dets[0], count == 2 ? dets[1] : -1, w, mask);
                    }
                    count = 0;
                    mask.Clear();
                    continue;
                }
                var t = targets[i];
                if (t.Kind == DemTargetKind.Detector)
                {
                    if (count == 2)
                    {
                        throw new ArgumentException(
                            $"error {error} (p={p}) has a component with more than 2 detectors; the matching decoder needs " +
                            "graph-like errors: decompose them with '^' (stim analyze_errors --decompose_errors)");
                    }
                    dets[count++] = (int)t.Index;
                }
                else if (t.Kind == DemTargetKind.Observable)
                {
                    mask[(int)(t.Index >> 6)] ^= 1UL << (int)(t.Index & 63);
                }
            }
        }
        return g;
    }

    /// <summary>The graph of an already merged <see cref="MatchingGraph"/> (weights as that graph computed them).</summary>
    public static UserGraph FromMatchingGraph(MatchingGraph graph)
    {
        var g = new UserGraph(graph.NumDetectors, graph.NumObservables);
        var edges = graph.Edges;
        for (int i = 0; i < edges.Length; i++)
        {
            g.AddOrMergeEdge(edges[i].A, edges[i].B, edges[i].Weight, graph.EdgeObservables(i));
        }
        return g;
    }

    /// <summary>
    /// C: the factor turning float weights into integers of at most 2^24 − 1 (1 if all are integers).
    /// <paramref name="extraWeights"/> (correlated matching's implied weights) take part in the maximum
    /// and the integrality test as PyMatching's loader counts them; null leaves plain matching unchanged.
    /// </summary>
    public double NormalisingConstantC(double[]? extraWeights = null)
    {
        double maxAbs = 0;
        bool allIntegral = true;
        foreach (double w in extraWeights ?? [])
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(w));
            if (Math.Round(w) != w)
            {
                allIntegral = false;
            }
        }
        foreach (var e in _edges)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(e.Weight));
            if (Math.Round(e.Weight) != e.Weight)
            {
                allIntegral = false;
            }
        }
        if (maxAbs > MaxUserEdgeWeight)
        {
            throw new ArgumentException($"maximum absolute edge weight of {MaxUserEdgeWeight} exceeded (largest |w| is {maxAbs})");
        }
        return allIntegral ? 1.0 : MaxUserEdgeWeight / maxAbs;
    }

    /// <summary>
    /// Discretizes and lays the graph out for the flooder, with the negative-weight corrections
    /// (<paramref name="extraWeights"/>: see <see cref="NormalisingConstantC"/>).
    /// </summary>
    public FloodGraph ToFloodGraph(double[]? extraWeights = null)
    {
        double c = NormalisingConstantC(extraWeights);
        int words = ObservableWords;
        var boundaryWeight = new int[NumNodes];
        var boundaryObs = new ulong[NumNodes][];
        var hasBoundary = new bool[NumNodes];
        var degree = new int[NumNodes + 1];
        var regular = new List<(int A, int B, int W, ulong[] Obs)>(_edges.Count);
        var negDetectorParity = new bool[NumNodes];
        var negObs = new ulong[words];
        long negSum = 0;

        void AccountNegative(int a, int b, int w, ulong[] obs)
        {
            negDetectorParity[a] ^= true;
            if (b >= 0)
            {
                negDetectorParity[b] ^= true;
            }
            for (int k = 0; k < words; k++)
            {
                negObs[k] ^= obs[k];
            }
            negSum += w;
        }

        foreach (var e in _edges)
        {
            int w = 2 * (int)Math.Round(e.Weight * c, MidpointRounding.AwayFromZero);
            if (e.B < 0)
            {
                // Parallel boundary edges keep the smaller weight (PyMatching's rule; merged already for DEMs).
                if (!hasBoundary[e.A] || boundaryWeight[e.A] > w)
                {
                    hasBoundary[e.A] = true;
                    boundaryWeight[e.A] = w;
                    boundaryObs[e.A] = e.Observables;
                }
                continue;
            }
            if (w < 0)
            {
                AccountNegative(e.A, e.B, w, e.Observables);
            }
            if (e.A == e.B)
            {
                continue; // a positive self-loop never helps; a negative one is fully accounted above
            }
            regular.Add((e.A, e.B, Math.Abs(w), e.Observables));
            degree[e.A]++;
            degree[e.B]++;
        }
        for (int n = 0; n < NumNodes; n++)
        {
            if (hasBoundary[n])
            {
                if (boundaryWeight[n] < 0)
                {
                    AccountNegative(n, -1, boundaryWeight[n], boundaryObs[n]);
                }
                degree[n]++;
            }
        }

        var start = new int[NumNodes + 1];
        for (int n = 0; n < NumNodes; n++)
        {
            start[n + 1] = start[n] + degree[n];
        }
        int slots = start[NumNodes];
        var slotArray = new FloodEdge[slots];
        var reverse = new int[slots];
        var obsByWord = new ulong[words][];
        for (int k = 0; k < words; k++)
        {
            obsByWord[k] = new ulong[slots];
        }
        var fill = new int[NumNodes];
        void Put(int node, int other, int w, ulong[] obs, int rev)
        {
            int s = start[node] + fill[node]++;
            slotArray[s] = new FloodEdge(other, w);
            reverse[s] = rev;
            for (int k = 0; k < words; k++)
            {
                obsByWord[k][s] = obs[k];
            }
        }
        for (int n = 0; n < NumNodes; n++)
        {
            if (hasBoundary[n])
            {
                Put(n, -1, Math.Abs(boundaryWeight[n]), boundaryObs[n], -1);
            }
        }
        foreach (var (a, b, w, obs) in regular)
        {
            int sa = start[a] + fill[a];
            int sb = start[b] + fill[b];
            Put(a, b, w, obs, sb);
            Put(b, a, w, obs, sa);
        }

        var negDets = new List<int>();
        for (int n = 0; n < NumNodes; n++)
        {
            if (negDetectorParity[n])
            {
                negDets.Add(n);
            }
        }
        return new FloodGraph(NumNodes, NumObservables, start, slotArray, reverse, obsByWord,
            negDets.ToArray(), negObs, negSum, 2 * c);
    }
}

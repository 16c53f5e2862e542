using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Graphs;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm;
using Qec.Matching.UnionFind;

namespace Qec.Matching.Streaming;

/// <summary>One window graph, compiled once and shared by every stream (immutable).</summary>
internal sealed class CompiledWindow
{
    private readonly MwpmCompiledDecoder? _mwpm;
    private readonly CorrelatedMwpmCompiledDecoder? _correlated;
    private readonly UnionFindGraph? _uf;

    public CompiledWindow(WindowModel window, string decoder, DecoderOptions options)
    {
        // Keep only what streams need: the window's DEM text is large and is dropped after compiling.
        NumWindowNodes = window.NumWindowNodes;
        CutObservable = window.CutObservable;
        NodeRounds = new int[window.NumWindowNodes];
        for (int i = 0; i < NodeRounds.Length; i++)
        {
            NodeRounds[i] = window.NodeRound(i);
        }
        var flat = window.Model.Flatten();
        TotalNodes = flat.NumDetectors;
        var graph = MatchingGraph.From(flat);
        EveryComponentReachesBoundary = ReachesBoundary(graph);
        if (decoder == MwpmDecoderFactory.DecoderName && MwpmDecoderFactory.Correlations(options))
        {
            _correlated = CorrelatedMwpmCompiledDecoder.FromDem(flat);
        }
        else if (decoder == MwpmDecoderFactory.DecoderName)
        {
            _mwpm = MwpmCompiledDecoder.FromDem(flat);
        }
        else
        {
            int resolution = options.GetInt(UnionFindDecoderFactory.ResolutionOption, EdgeLengths.DefaultResolution);
            _uf = new UnionFindGraph(graph, resolution);
        }
    }

    /// <summary>
    /// True when every connected component of the window graph has a boundary edge: then any set of
    /// events can be matched, so a speculative decode on a partial set cannot fail (false for, e.g., a
    /// final window of a model without boundary errors, where only the true parity is matchable).
    /// </summary>
    public bool EveryComponentReachesBoundary { get; }

    private static bool ReachesBoundary(MatchingGraph graph)
    {
        int n = graph.NumDetectors;
        var parent = new int[n];
        var boundary = new bool[n];
        for (int i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        foreach (var e in graph.Edges)
        {
            if (e.B == MatchingGraph.Boundary)
            {
                boundary[Find(parent, e.A)] = true;
            }
            else
            {
                int a = Find(parent, e.A), b = Find(parent, e.B);
                if (a != b)
                {
                    parent[a] = b;
                    boundary[b] |= boundary[a];
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (!boundary[Find(parent, i)])
            {
                return false;
            }
        }
        return true;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /// <summary>Window detectors (cut layer excluded).</summary>
    public int NumWindowNodes { get; }

    /// <summary>Window and cut-layer detectors.</summary>
    public int TotalNodes { get; }

    /// <summary>Index of the cut observable, −1 for a final window.</summary>
    public int CutObservable { get; }

    /// <summary>Round of each window node relative to the window's first round.</summary>
    public int[] NodeRounds { get; }

    /// <summary>A matcher with its own scratch, for one stream.</summary>
    public IWindowMatcher CreateMatcher() => _correlated is not null
        ? new CorrelatedWindowMatcher(_correlated.CreateDecoder(), CutObservable)
        : _mwpm is not null
            ? new MwpmWindowMatcher(_mwpm.CreateDecoder(), CutObservable)
            : new UnionFindWindowMatcher(_uf!, CutObservable);
}

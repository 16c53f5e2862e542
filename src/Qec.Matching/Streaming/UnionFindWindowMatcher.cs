using Qec.Matching.UnionFind;

namespace Qec.Matching.Streaming;

/// <summary>
/// Union-find on a window. Its correction is a set of edges; the connected pieces of that set
/// (joined at detectors, never through the boundary) each hold an even number of events or reach
/// the boundary, so each piece is a commit group. A piece using a cut-layer boundary edge (whose
/// observables hold the cut bit) touches the cut.
/// </summary>
internal sealed class UnionFindWindowMatcher : IWindowMatcher
{
    private readonly UnionFindDecoder _decoder;
    private readonly UnionFindGraph _graph;
    private readonly ulong _cutBit;
    private readonly byte[] _packed;
    private readonly int[] _parent;
    private readonly int[] _groupOf;

    public UnionFindWindowMatcher(UnionFindGraph graph, int cutObservable)
    {
        _graph = graph;
        _decoder = new UnionFindDecoder(graph);
        _cutBit = cutObservable >= 0 ? 1UL << cutObservable : 0;
        _packed = new byte[(graph.NumDetectors + 7) >> 3];
        _parent = new int[graph.NumDetectors];
        _groupOf = new int[graph.NumDetectors];
        for (int i = 0; i < _parent.Length; i++)
        {
            _parent[i] = i;
            _groupOf[i] = -1;
        }
    }

    public void Decode(ReadOnlySpan<int> events, WindowGroups groups)
    {
        foreach (int e in events)
        {
            _packed[e >> 3] ^= (byte)(1 << (e & 7));
        }
        _decoder.FindCorrection(_packed);
        foreach (int e in events)
        {
            _packed[e >> 3] = 0;
        }
        var correction = _decoder.LastCorrection;
        int words = _graph.ObservableWords;
        foreach (int edge in correction)
        {
            int b = _graph.EdgeB[edge];
            if (b >= 0)
            {
                int ra = Find(_graph.EdgeA[edge]), rb = Find(b);
                if (ra != rb)
                {
                    _parent[ra] = rb;
                }
            }
        }
        groups.Clear();
        foreach (int e in events)
        {
            int r = Find(e);
            if (_groupOf[r] < 0)
            {
                _groupOf[r] = groups.Count;
                groups.Begin(0, false);
            }
        }
        RebuildContiguous(events, groups);
        foreach (int edge in correction)
        {
            int g = _groupOf[Find(_graph.EdgeA[edge])];
            ulong mask = _graph.Observables[edge * words];
            groups.Update(g, mask, _graph.EdgeB[edge] < 0 && (mask & _cutBit) != 0);
        }
        // Reset the touched union-find entries.
        foreach (int edge in correction)
        {
            Release(_graph.EdgeA[edge]);
            if (_graph.EdgeB[edge] >= 0)
            {
                Release(_graph.EdgeB[edge]);
            }
        }
        foreach (int e in events)
        {
            Release(e);
        }
    }

    /// <summary>Refills the groups so that each group's events are contiguous (groups keep their indices).</summary>
    private void RebuildContiguous(ReadOnlySpan<int> events, WindowGroups groups)
    {
        int count = groups.Count;
        groups.Clear();
        for (int g = 0; g < count; g++)
        {
            groups.Begin(0, false);
            foreach (int e in events)
            {
                if (_groupOf[Find(e)] == g)
                {
                    groups.AddNode(e);
                }
            }
        }
    }

    private void Release(int node)
    {
        _groupOf[node] = -1;
        _parent[node] = node;
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }
}

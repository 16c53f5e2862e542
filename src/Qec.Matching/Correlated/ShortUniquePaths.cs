using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Correlated;

/// <summary>
/// The pairs of nodes (and node-to-boundary pairs) whose only shortest path has one or two edges.
/// Correlated matching's pass one needs one explicit shortest path per matched pair; in a
/// low-noise shot nearly every pair is the two ends of one edge or of two, and when that path is
/// the only shortest one it is the path every shortest-path search returns, so
/// <see cref="PathSearch"/> can be skipped without changing which edges are re-weighted.
/// Built at compile time by one Dijkstra per node u, bounded by the heaviest two-edge path from u,
/// that counts shortest paths (capped at 2) and their edges: with strictly positive weights every
/// predecessor on a shortest path is settled before its successor, so counts are exact for every
/// node within the bound, and so for every path of at most two edges. One-edge paths are a flag per
/// adjacency slot; two-edge paths a short list per node. A graph with a zero-weight edge gets
/// none (equal-length paths can then loop). Immutable, shared by every decoder of a compiled model.
/// </summary>
internal sealed class ShortUniquePaths
{
    /// <summary>A two-edge path from a node: its far end (−1 = boundary) and its slots in order.</summary>
    private readonly record struct TwoEdgePath(int To, int FirstSlot, int SecondSlot);

    private readonly FloodGraph _graph;
    private readonly bool[] _onlyShortestEdge; // per adjacency slot
    private readonly int[] _twoEdgeStart;      // node u's two-edge paths: _twoEdge[_twoEdgeStart[u].._twoEdgeStart[u + 1]]
    private readonly TwoEdgePath[] _twoEdge;

    private ShortUniquePaths(FloodGraph graph, bool[] onlyShortestEdge, int[] twoEdgeStart, TwoEdgePath[] twoEdge)
    {
        _graph = graph;
        _onlyShortestEdge = onlyShortestEdge;
        _twoEdgeStart = twoEdgeStart;
        _twoEdge = twoEdge;
    }

    /// <summary>The paths of <paramref name="graph"/> (by slot index; the weights must stay those of the graph).</summary>
    public static ShortUniquePaths Build(FloodGraph graph)
    {
        var slots = graph.Slots;
        int n = graph.NumNodes;
        var flags = new bool[slots.Length];
        var starts = new int[n + 1];
        var twoEdge = new List<TwoEdgePath>();
        foreach (var e in slots)
        {
            if (e.Weight == 0)
            {
                return new ShortUniquePaths(graph, flags, starts, []);
            }
        }
        var heaviest = new long[n];
        for (int u = 0; u < n; u++)
        {
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                heaviest[u] = Math.Max(heaviest[u], slots[s].Weight);
            }
        }
        var flood = new BoundedFlood(n);
        for (int u = 0; u < n; u++)
        {
            long bound = 0;
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                int x = slots[s].Node;
                bound = Math.Max(bound, slots[s].Weight + (x < 0 ? 0 : heaviest[x]));
            }
            flood.Run(graph, u, bound);
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                int v = slots[s].Node;
                flags[s] = v < 0
                    ? flood.BoundaryPaths == 1 && flood.BoundaryVia == u
                    : flood.Distance[v] == slots[s].Weight && flood.Paths[v] == 1;
            }
            foreach (int v in flood.Settled)
            {
                int p = flood.Predecessor[v];
                if (flood.Paths[v] == 1 && p >= 0 && slots[p].Node != u && flood.Predecessor[slots[p].Node] >= 0
                    && slots[flood.Predecessor[slots[p].Node]].Node == u)
                {
                    // v's only shortest path is u → x → v; Predecessor holds slots pointing back towards u.
                    int x = slots[p].Node;
                    twoEdge.Add(new TwoEdgePath(v, graph.ReverseSlot[flood.Predecessor[x]], graph.ReverseSlot[p]));
                }
            }
            int via = flood.BoundaryVia;
            if (flood.BoundaryPaths == 1 && via != u && flood.Paths[via] == 1 && flood.Predecessor[via] >= 0
                && slots[flood.Predecessor[via]].Node == u)
            {
                twoEdge.Add(new TwoEdgePath(-1, graph.ReverseSlot[flood.Predecessor[via]], graph.Start[via]));
            }
            starts[u + 1] = twoEdge.Count;
            flood.Reset();
        }
        return new ShortUniquePaths(graph, flags, starts, twoEdge.ToArray());
    }

    /// <summary>
    /// Appends the slots of the only shortest path from <paramref name="from"/> to <paramref name="to"/>
    /// (−1 = the boundary) and returns true when that path has one or two edges; otherwise appends
    /// nothing and returns false.
    /// </summary>
    public bool TryAppendPath(int from, int to, ScratchList<int> path)
    {
        var slots = _graph.Slots;
        for (int s = _graph.Start[from]; s < _graph.Start[from + 1]; s++)
        {
            if (slots[s].Node == to)
            {
                if (_onlyShortestEdge[s])
                {
                    path.Add(s);
                    return true;
                }
                break; // the edge is a shortest path but not the only one, or no shortest path
            }
        }
        for (int i = _twoEdgeStart[from]; i < _twoEdgeStart[from + 1]; i++)
        {
            if (_twoEdge[i].To == to)
            {
                path.Add(_twoEdge[i].FirstSlot);
                path.Add(_twoEdge[i].SecondSlot);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Dijkstra from one source over detector nodes (the boundary is not passed through), settling
    /// every node within a bound: its distance, the number of its shortest paths capped at 2 and
    /// (when that is 1) the slot at it towards its predecessor; and the same for the boundary,
    /// reached through any settled node's boundary edge. Reused across sources (only touched nodes
    /// are reset).
    /// </summary>
    private sealed class BoundedFlood
    {
        public readonly long[] Distance;
        public readonly byte[] Paths;
        public readonly int[] Predecessor; // slot at the node towards its predecessor, −1 at the source
        public readonly List<int> Settled = [];
        private readonly PriorityQueue<int, long> _queue = new();

        public BoundedFlood(int nodes)
        {
            Distance = new long[nodes];
            Paths = new byte[nodes];
            Predecessor = new int[nodes];
            Array.Fill(Distance, long.MaxValue);
        }

        /// <summary>Shortest paths to the boundary (capped at 2) and the node whose boundary edge ends one of them.</summary>
        public int BoundaryPaths { get; private set; }

        public int BoundaryVia { get; private set; }

        public void Run(FloodGraph graph, int source, long bound)
        {
            var slots = graph.Slots;
            Distance[source] = 0;
            Paths[source] = 1;
            Predecessor[source] = -1;
            Settled.Add(source);
            _queue.Enqueue(source, 0);
            while (_queue.TryDequeue(out int x, out long dx))
            {
                if (dx != Distance[x])
                {
                    continue; // a stale entry
                }
                for (int s = graph.Start[x]; s < graph.Start[x + 1]; s++)
                {
                    int y = slots[s].Node;
                    long dy = dx + slots[s].Weight;
                    if (y < 0 || dy > bound)
                    {
                        continue;
                    }
                    if (dy < Distance[y])
                    {
                        if (Distance[y] == long.MaxValue)
                        {
                            Settled.Add(y);
                        }
                        Distance[y] = dy;
                        Paths[y] = Paths[x];
                        Predecessor[y] = graph.ReverseSlot[s];
                        _queue.Enqueue(y, dy);
                    }
                    else if (dy == Distance[y])
                    {
                        Paths[y] = (byte)Math.Min(2, Paths[y] + Paths[x]);
                    }
                }
            }
            long toBoundary = long.MaxValue;
            foreach (int x in Settled)
            {
                int first = graph.Start[x];
                if (first == graph.Start[x + 1] || slots[first].Node >= 0)
                {
                    continue;
                }
                long d = Distance[x] + slots[first].Weight;
                if (d < toBoundary)
                {
                    toBoundary = d;
                    BoundaryPaths = Paths[x];
                    BoundaryVia = x;
                }
                else if (d == toBoundary)
                {
                    BoundaryPaths = Math.Min(2, BoundaryPaths + Paths[x]);
                }
            }
            // A boundary path beyond the bound may be lighter than none found; only found ones are used,
            // and a found one of length L ≤ bound has every rival's last node settled (its distance < L).
            if (toBoundary > bound)
            {
                BoundaryPaths = 0;
            }
        }

        public void Reset()
        {
            foreach (int x in Settled)
            {
                Distance[x] = long.MaxValue;
                Paths[x] = 0;
            }
            Settled.Clear();
            BoundaryPaths = 0;
            BoundaryVia = -1;
        }
    }
}

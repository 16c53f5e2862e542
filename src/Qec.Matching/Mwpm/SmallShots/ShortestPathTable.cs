using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Mwpm.SmallShots;

/// <summary>
/// All-pairs shortest paths of a small flood graph, for <see cref="SmallShotMatcher"/>: for every
/// ordered pair of detectors the integer distance (paths through detectors only; the boundary is
/// reached only as a path's end) and the observable mask of a shortest path, and for every detector
/// its distance to the boundary with that path's mask. Each entry also says whether it is
/// <b>ambiguous</b>: two shortest paths with different masks exist, so a decoder's choice between
/// them is a tie-break and the table must not decide it. Built by one Dijkstra per detector; with
/// strictly positive weights every equal-length predecessor of a node is settled before the node,
/// so ambiguity propagates exactly. Immutable and shared by every decoder of a compiled model.
/// </summary>
internal sealed class ShortestPathTable
{
    /// <summary>Largest graph tabulated: the table holds NumNodes² entries of 16 bytes (4 MiB at this size).</summary>
    public const int MaxNodes = 512;

    /// <summary>Distance of an unreachable pair or boundary; sums of a few never overflow.</summary>
    public const long Unreachable = 1L << 48;

    private ShortestPathTable(int numNodes)
    {
        NumNodes = numNodes;
        PairDistance = new long[numNodes * numNodes];
        PairObservables = new ulong[numNodes * numNodes];
        BoundaryDistance = new long[numNodes];
        BoundaryObservables = new ulong[numNodes];
    }

    /// <summary>Number of detectors.</summary>
    public int NumNodes { get; }

    /// <summary>Entry a·N + b: 2·distance(a, b) + 1 if ambiguous; 2·<see cref="Unreachable"/> if no path.</summary>
    public long[] PairDistance { get; }

    /// <summary>Entry a·N + b: observable mask of a shortest a–b path.</summary>
    public ulong[] PairObservables { get; }

    /// <summary>Entry a: 2·(distance from a to the boundary) + 1 if ambiguous; 2·<see cref="Unreachable"/> if none.</summary>
    public long[] BoundaryDistance { get; }

    /// <summary>Entry a: observable mask of a shortest path from a to the boundary.</summary>
    public ulong[] BoundaryObservables { get; }

    /// <summary>
    /// The table of <paramref name="graph"/>, or null where it does not apply: more than
    /// <see cref="MaxNodes"/> detectors, more than 64 observables, or a zero-weight edge (equal-length
    /// predecessors would no longer settle first).
    /// </summary>
    public static ShortestPathTable? TryBuild(FloodGraph graph)
    {
        int n = graph.NumNodes;
        if (n == 0 || n > MaxNodes || graph.ObservableWords != 1)
        {
            return null;
        }
        foreach (var slot in graph.Slots)
        {
            if (slot.Weight == 0)
            {
                return null;
            }
        }
        var table = new ShortestPathTable(n);
        var search = new SingleSourceSearch(graph);
        for (int source = 0; source < n; source++)
        {
            search.Run(source);
            search.CopyRow(table, source);
        }
        return table;
    }

    /// <summary>Dijkstra from one detector, tracking one shortest path's mask and whether another differs.</summary>
    private sealed class SingleSourceSearch(FloodGraph graph)
    {
        private readonly long[] _distance = new long[graph.NumNodes];
        private readonly ulong[] _mask = new ulong[graph.NumNodes];
        private readonly bool[] _ambiguous = new bool[graph.NumNodes];
        private readonly PriorityQueue<int, long> _queue = new();

        public void Run(int source)
        {
            Array.Fill(_distance, Unreachable);
            Array.Clear(_mask);
            Array.Clear(_ambiguous);
            var start = graph.Start;
            var slots = graph.Slots;
            var observables = graph.ObservablesByWord[0];
            _distance[source] = 0;
            _queue.Enqueue(source, 0);
            while (_queue.TryDequeue(out int u, out long du))
            {
                if (du != _distance[u])
                {
                    continue; // stale entry
                }
                for (int s = start[u]; s < start[u + 1]; s++)
                {
                    int v = slots[s].Node;
                    if (v < 0)
                    {
                        continue;
                    }
                    long dv = du + slots[s].Weight;
                    ulong mv = _mask[u] ^ observables[s];
                    if (dv < _distance[v])
                    {
                        _distance[v] = dv;
                        _mask[v] = mv;
                        _ambiguous[v] = _ambiguous[u];
                        _queue.Enqueue(v, dv);
                    }
                    else if (dv == _distance[v] && (mv != _mask[v] || _ambiguous[u]))
                    {
                        _ambiguous[v] = true;
                    }
                }
            }
        }

        public void CopyRow(ShortestPathTable table, int source)
        {
            int n = graph.NumNodes;
            var start = graph.Start;
            var slots = graph.Slots;
            var observables = graph.ObservablesByWord[0];
            long boundary = Unreachable;
            ulong boundaryMask = 0;
            bool boundaryAmbiguous = false;
            for (int v = 0; v < n; v++)
            {
                table.PairDistance[source * n + v] = 2 * _distance[v] + (_ambiguous[v] ? 1 : 0);
                table.PairObservables[source * n + v] = _mask[v];
                // A boundary edge, if any, is the first slot of its node.
                int s = start[v];
                if (_distance[v] >= Unreachable || s == start[v + 1] || slots[s].Node >= 0)
                {
                    continue;
                }
                long d = _distance[v] + slots[s].Weight;
                ulong m = _mask[v] ^ observables[s];
                if (d < boundary)
                {
                    boundary = d;
                    boundaryMask = m;
                    boundaryAmbiguous = _ambiguous[v];
                }
                else if (d == boundary && (m != boundaryMask || _ambiguous[v]))
                {
                    boundaryAmbiguous = true;
                }
            }
            table.BoundaryDistance[source] = 2 * boundary + (boundaryAmbiguous ? 1 : 0);
            table.BoundaryObservables[source] = boundaryMask;
        }
    }
}

using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Mwpm.SmallShots;

/// <summary>
/// All-pairs shortest paths of a small flood graph, for <see cref="SmallShotMatcher"/>: for every
/// ordered pair of detectors the integer distance (paths through detectors only; the boundary is
/// reached only as a path's end) and the observable mask of a shortest path, and for every detector
/// its distance to the boundary with that path's mask. Each entry carries two flags: <b>several
/// paths</b> (another shortest path exists) and <b>ambiguous</b> (another shortest path has a different
/// mask, so a decoder's choice between them is a tie-break the table must not decide; ambiguous implies
/// several paths). Built by one Dijkstra per detector; with strictly positive weights every
/// equal-length predecessor of a node is settled before the node, so both flags propagate exactly.
/// The tabulated paths themselves are kept as predecessor slots, for correlated matching's pass one.
/// Immutable and shared by every decoder of a compiled model.
/// </summary>
internal sealed class ShortestPathTable
{
    /// <summary>
    /// Largest graph tabulated: the table holds NumNodes² entries of 20 bytes (5 MiB at this size). At d = 9
    /// (720 detectors) a 1024 limit made decoding 15% slower (gathering a shot's pairs misses the cache), at d = 7
    /// (336) 2.2× faster.
    /// </summary>
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
        PredecessorSlot = new int[numNodes * numNodes];
        BoundaryEnd = new int[numNodes];
    }

    /// <summary>Number of detectors.</summary>
    public int NumNodes { get; }

    /// <summary>Flag bit of an entry: another shortest path has a different observable mask.</summary>
    public const long Ambiguous = 1;

    /// <summary>Flag bit of an entry: another shortest path exists.</summary>
    public const long SeveralPaths = 2;

    /// <summary>Both flag bits; an entry's distance is <c>entry &gt;&gt; 2</c>.</summary>
    public const long Flags = Ambiguous | SeveralPaths;

    /// <summary>Entry a·N + b: 4·distance(a, b) + flags; 4·<see cref="Unreachable"/> if no path.</summary>
    public long[] PairDistance { get; }

    /// <summary>Entry a·N + b: observable mask of a shortest a–b path.</summary>
    public ulong[] PairObservables { get; }

    /// <summary>Entry a: 4·(distance from a to the boundary) + flags; 4·<see cref="Unreachable"/> if none.</summary>
    public long[] BoundaryDistance { get; }

    /// <summary>Entry a: observable mask of a shortest path from a to the boundary.</summary>
    public ulong[] BoundaryObservables { get; }

    /// <summary>
    /// Entry a·N + v: on the tabulated shortest path from a, the adjacency slot at v towards its
    /// predecessor (its node is the predecessor); −1 at a itself and at unreachable nodes.
    /// </summary>
    public int[] PredecessorSlot { get; }

    /// <summary>Entry a: the node whose boundary edge ends the tabulated path from a to the boundary (−1: none).</summary>
    public int[] BoundaryEnd { get; }

    /// <summary>
    /// Appends one adjacency slot per edge of the tabulated shortest path from <paramref name="from"/>
    /// to <paramref name="to"/> (−1 = boundary), in <c>PathSearch</c>'s format. It is the path
    /// <c>PathSearch</c> finds whenever the entry has no <see cref="SeveralPaths"/> flag.
    /// </summary>
    public void AppendPath(FloodGraph graph, int from, int to, Interop.ScratchList<int> slots)
    {
        int row = from * NumNodes;
        if (to < 0)
        {
            to = BoundaryEnd[from];
            slots.Add(graph.Start[to]);
        }
        for (int node = to; PredecessorSlot[row + node] >= 0; node = graph.Slots[PredecessorSlot[row + node]].Node)
        {
            slots.Add(PredecessorSlot[row + node]);
        }
    }

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

    /// <summary>Dijkstra from one detector, tracking one shortest path's mask and the flags of each node.</summary>
    private sealed class SingleSourceSearch(FloodGraph graph)
    {
        private readonly long[] _distance = new long[graph.NumNodes];
        private readonly ulong[] _mask = new ulong[graph.NumNodes];
        private readonly long[] _flags = new long[graph.NumNodes];
        private readonly int[] _predecessor = new int[graph.NumNodes];
        private readonly PriorityQueue<int, long> _queue = new();

        public void Run(int source)
        {
            Array.Fill(_distance, Unreachable);
            Array.Clear(_mask);
            Array.Clear(_flags);
            Array.Fill(_predecessor, -1);
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
                        _flags[v] = _flags[u];
                        _predecessor[v] = graph.ReverseSlot[s];
                        _queue.Enqueue(v, dv);
                    }
                    else if (dv == _distance[v])
                    {
                        _flags[v] |= SeveralPaths | _flags[u] | (mv != _mask[v] ? Ambiguous : 0);
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
            long boundaryFlags = 0;
            int boundaryEnd = -1;
            for (int v = 0; v < n; v++)
            {
                table.PairDistance[source * n + v] = 4 * _distance[v] + _flags[v];
                table.PairObservables[source * n + v] = _mask[v];
                table.PredecessorSlot[source * n + v] = _predecessor[v];
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
                    boundaryFlags = _flags[v];
                    boundaryEnd = v;
                }
                else if (d == boundary)
                {
                    boundaryFlags |= SeveralPaths | _flags[v] | (m != boundaryMask ? Ambiguous : 0);
                }
            }
            table.BoundaryDistance[source] = 4 * boundary + boundaryFlags;
            table.BoundaryObservables[source] = boundaryMask;
            table.BoundaryEnd[source] = boundaryEnd;
        }
    }
}

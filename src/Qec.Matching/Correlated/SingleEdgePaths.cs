using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Correlated;

/// <summary>
/// Which edges are, on their own, the only shortest path between their two ends (or from their
/// detector to the boundary). Correlated matching's pass one needs one explicit shortest path per
/// matched pair; most pairs of a low-noise shot are the two ends of one such edge, and then the
/// edge is the path every shortest-path search returns, so <see cref="PathSearch"/> can be skipped
/// without changing which edges are re-weighted. Built at compile time by one Dijkstra per node,
/// bounded by the node's heaviest edge, counting shortest paths (capped at 2): with strictly
/// positive weights every predecessor on a shortest path is settled before its successor, so the
/// counts are exact. A graph with a zero-weight edge gets no flags (paths of equal length can then
/// loop). Immutable, shared by every decoder of a compiled model.
/// </summary>
internal sealed class SingleEdgePaths
{
    private readonly FloodGraph _graph;
    private readonly bool[] _onlyShortestPath; // per adjacency slot

    private SingleEdgePaths(FloodGraph graph, bool[] onlyShortestPath)
    {
        _graph = graph;
        _onlyShortestPath = onlyShortestPath;
    }

    /// <summary>Flags of <paramref name="graph"/>'s slots (by slot index; the weights must stay those of the graph).</summary>
    public static SingleEdgePaths Build(FloodGraph graph)
    {
        var slots = graph.Slots;
        var flags = new bool[slots.Length];
        foreach (var e in slots)
        {
            if (e.Weight == 0)
            {
                return new SingleEdgePaths(graph, flags);
            }
        }
        int n = graph.NumNodes;
        var distance = new long[n];
        var paths = new byte[n];
        Array.Fill(distance, long.MaxValue);
        var settled = new List<int>();
        var queue = new PriorityQueue<int, long>();
        for (int u = 0; u < n; u++)
        {
            long bound = 0;
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                bound = Math.Max(bound, slots[s].Weight);
            }
            BoundedDijkstra(graph, u, bound, distance, paths, settled, queue);
            long toBoundary = long.MaxValue; // the lightest path to the boundary through another node
            foreach (int x in settled)
            {
                int first = graph.Start[x];
                if (x != u && first < graph.Start[x + 1] && slots[first].Node < 0)
                {
                    toBoundary = Math.Min(toBoundary, distance[x] + slots[first].Weight);
                }
            }
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                var e = slots[s];
                flags[s] = e.Node < 0
                    ? e.Weight < toBoundary
                    : distance[e.Node] == e.Weight && paths[e.Node] == 1;
            }
            foreach (int x in settled)
            {
                distance[x] = long.MaxValue;
                paths[x] = 0;
            }
            settled.Clear();
        }
        return new SingleEdgePaths(graph, flags);
    }

    /// <summary>
    /// Dijkstra from <paramref name="source"/> over detector nodes (the boundary is not passed
    /// through), settling every node within <paramref name="bound"/>: its distance, and the number
    /// of its shortest paths capped at 2. <paramref name="settled"/> lists the nodes touched.
    /// </summary>
    private static void BoundedDijkstra(FloodGraph graph, int source, long bound, long[] distance, byte[] paths,
        List<int> settled, PriorityQueue<int, long> queue)
    {
        var slots = graph.Slots;
        distance[source] = 0;
        paths[source] = 1;
        settled.Add(source);
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out int x, out long dx))
        {
            if (dx != distance[x])
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
                if (dy < distance[y])
                {
                    if (distance[y] == long.MaxValue)
                    {
                        settled.Add(y);
                    }
                    distance[y] = dy;
                    paths[y] = paths[x];
                    queue.Enqueue(y, dy);
                }
                else if (dy == distance[y])
                {
                    paths[y] = (byte)Math.Min(2, paths[y] + paths[x]);
                }
            }
        }
    }

    /// <summary>
    /// The slot at <paramref name="from"/> of the edge to <paramref name="to"/> (−1 = the boundary)
    /// when that edge is their only shortest path; otherwise −1.
    /// </summary>
    public int OnlyShortestPathSlot(int from, int to)
    {
        var slots = _graph.Slots;
        for (int s = _graph.Start[from]; s < _graph.Start[from + 1]; s++)
        {
            if (slots[s].Node == to)
            {
                return _onlyShortestPath[s] ? s : -1;
            }
        }
        return -1;
    }
}

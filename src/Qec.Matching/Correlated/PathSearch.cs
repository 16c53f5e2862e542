using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Tracker;

namespace Qec.Matching.Correlated;

/// <summary>
/// Finds the edges of one shortest path between two matched detection events (or an event and the
/// boundary): the explicit paths that correlated matching's first pass needs, since sparse blossom
/// itself only yields compressed edges (Higgott &amp; Gidney, arXiv:2303.15933 §4.4). Two Dijkstra
/// floods grow at unit speed from both ends on the flooder's timeline (radix heap and lazy event
/// trackers), one from the source alone when the target is the boundary; the first edge where
/// they meet (or the boundary edge reached) closes the path, which is traced back through the
/// predecessor slots. Equal-length paths are broken by the same event order as PyMatching's search
/// flooder: boundary slot first, strict &lt; over slots, LIFO among simultaneous events.
/// Invariant between searches: every node is unreached, every tracker idle, the queue empty; only
/// reached nodes are reset. The one state kept from search to search is the previous target's kind
/// (see <see cref="SkipSearch"/> and <see cref="ResetHistory"/>). No allocation after warm-up. Not thread-safe.
/// </summary>
internal sealed class PathSearch
{
    private readonly FloodGraph _graph;
    private readonly int[] _source;      // −1 = unreached
    private readonly int[] _predecessor; // slot at this node towards its predecessor, −1 at a source
    private readonly long[] _distance;
    private readonly QueuedEventTracker[] _trackers;
    private readonly RadixHeapQueue _queue = new();
    private int[] _reached;
    private int _reachedCount;
    private bool _targetIsBoundary;

    public PathSearch(FloodGraph graph)
    {
        _graph = graph;
        int n = graph.NumNodes;
        _source = new int[n];
        _predecessor = new int[n];
        _distance = new long[n];
        _trackers = new QueuedEventTracker[n];
        _reached = new int[64];
        Array.Fill(_source, -1);
    }

    /// <summary>
    /// Appends to <paramref name="slots"/> one adjacency slot per edge of a shortest path from
    /// <paramref name="from"/> to <paramref name="to"/> (−1 = boundary). Throws when no path exists.
    /// </summary>
    public void AppendShortestPath(int from, int to, Mwpm.Interop.ScratchList<int> slots)
    {
        try
        {
            (int node, int slot) = RunUntilCollision(from, to);
            if (node < 0)
            {
                throw new InvalidOperationException($"no path joins matched detection events {from} and {to}");
            }
            TraceBack(node, slots);
            int other = _graph.Slots[slot].Node;
            if (other >= 0)
            {
                TraceBack(other, slots);
            }
            slots.Add(slot);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>
    /// Records a search towards <paramref name="to"/> (−1 = boundary) whose path was known without
    /// flooding. The one thing a search leaves behind is the kind of target it had: like PyMatching's
    /// search flooder, the next search schedules its ends' first looks before it sets its own target
    /// kind, so whether the previous target was the boundary can break a tie between equal paths
    /// (an end may first look at its boundary edge). Skipped searches must leave that state as the
    /// search would have, or later ties break otherwise than PyMatching's.
    /// </summary>
    public void SkipSearch(int to) => _targetIsBoundary = to < 0;

    /// <summary>Forgets the previous search: the next one starts as a fresh instance's first does.</summary>
    public void ResetHistory() => _targetIsBoundary = false;

    private void TraceBack(int node, Mwpm.Interop.ScratchList<int> slots)
    {
        while (_predecessor[node] >= 0)
        {
            int s = _predecessor[node];
            slots.Add(s);
            node = _graph.Slots[s].Node;
        }
    }

    private (int Node, int Slot) RunUntilCollision(int from, int to)
    {
        _queue.Clear();
        _queue.CurrentTime = 0;
        // Both ends schedule their first look before the target kind is set, so they see the
        // previous search's kind (PyMatching's run_until_collision does the same; see SkipSearch).
        Start(from);
        if (to >= 0)
        {
            Start(to);
        }
        _targetIsBoundary = to < 0;
        while (_queue.TryDequeue(out var ev))
        {
            if (_trackers[ev.Target].DequeueDecision(ev, _queue))
            {
                var hit = LookAtNode(ev.Target);
                if (hit.Node >= 0)
                {
                    return hit;
                }
            }
        }
        return (-1, -1);
    }

    private void Start(int node)
    {
        _source[node] = node;
        _predecessor[node] = -1;
        _distance[node] = 0;
        MarkReached(node);
        Reschedule(node);
    }

    private void Explore(int empty, int slotTowardsFrom)
    {
        var e = _graph.Slots[slotTowardsFrom];
        _source[empty] = _source[e.Node];
        _predecessor[empty] = slotTowardsFrom;
        _distance[empty] = e.Weight + _distance[e.Node];
        MarkReached(empty);
        Reschedule(empty);
    }

    private void MarkReached(int node)
    {
        if (_reachedCount == _reached.Length)
        {
            Array.Resize(ref _reached, _reached.Length * 2);
        }
        _reached[_reachedCount++] = node;
    }

    /// <summary>The next interaction of a reached node: (slot, time), slot −1 when none.</summary>
    private (int Slot, long Time) NextEvent(int node)
    {
        long now = _queue.CurrentTime;
        long best = long.MaxValue;
        int bestSlot = -1;
        int s = _graph.Start[node];
        int end = _graph.Start[node + 1];
        var slots = _graph.Slots;
        if (s < end && slots[s].Node < 0)
        {
            if (_targetIsBoundary)
            {
                best = slots[s].Weight + _distance[node];
                bestSlot = s;
            }
            s++;
        }
        int mySource = _source[node];
        for (; s < end; s++)
        {
            var e = slots[s];
            int other = _source[e.Node];
            if (other == mySource)
            {
                continue;
            }
            long t = other < 0
                ? e.Weight + _distance[node]
                : now + (e.Weight - (now - _distance[node]) - (now - _distance[e.Node])) / 2;
            if (t < best)
            {
                best = t;
                bestSlot = s;
            }
        }
        return (bestSlot, best);
    }

    private void Reschedule(int node)
    {
        var (slot, time) = NextEvent(node);
        if (slot < 0)
        {
            _trackers[node].SetNoDesiredEvent();
        }
        else
        {
            _trackers[node].SetDesiredEvent(new FloodCheckEvent(node, unchecked((uint)time)), _queue);
        }
    }

    private (int Node, int Slot) LookAtNode(int node)
    {
        var (slot, time) = NextEvent(node);
        if (slot < 0)
        {
            return (-1, -1);
        }
        long now = _queue.CurrentTime;
        if (time == now)
        {
            int dst = _graph.Slots[slot].Node;
            if (dst >= 0 && _source[dst] < 0)
            {
                Explore(dst, _graph.ReverseSlot[slot]);
                _trackers[node].SetDesiredEvent(new FloodCheckEvent(node, unchecked((uint)now)), _queue);
                return (-1, -1);
            }
            return (node, slot);
        }
        _trackers[node].SetDesiredEvent(new FloodCheckEvent(node, unchecked((uint)time)), _queue);
        return (-1, -1);
    }

    private void Reset()
    {
        for (int i = 0; i < _reachedCount; i++)
        {
            int n = _reached[i];
            _source[n] = -1;
            _predecessor[n] = -1;
            _distance[n] = 0;
            _trackers[n].Clear();
        }
        _reachedCount = 0;
        _queue.Clear();
        _queue.CurrentTime = 0;
    }
}

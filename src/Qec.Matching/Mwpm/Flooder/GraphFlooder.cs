using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Mwpm.Tracker;

namespace Qec.Matching.Mwpm.Flooder;

/// <summary>
/// Grows, freezes and shrinks graph fill regions over the detector graph and reports collisions to
/// the matcher (paper §3.2 and §4; PyMatching's <c>GraphFlooder</c>). Time is global; every region
/// radius is a line in time (<see cref="Varying"/>), so only nodes whose region changed slope are
/// rescheduled. A node in a growing region looks at its boundary edge (t = w − y1) and at each
/// neighbour in another top region: growing → t = (w − y1 − y2)/2, empty or frozen → t = w − y1 − y2,
/// shrinking → never; a node outside growing regions looks only at growing neighbours. The first
/// strict minimum wins (boundary first, then slot order), which fixes tie-breaking as PyMatching does.
/// Region-structure helpers (blossom wrap, shell clean-up, area walks) are in the other part of this class.
/// </summary>
internal sealed partial class GraphFlooder
{
    private readonly int[] _start;
    private readonly FloodEdge[] _slots;
    private readonly int[] _reverseSlot;
    private ulong[] _observables;

    /// <summary>Per-shot cold node states, indexed by node.</summary>
    public readonly DetectorNodeState[] Nodes;

    /// <summary>Per-shot hot node states (top region slot, wrapped radius), indexed by node.</summary>
    public readonly NodeReach[] Reach;

    /// <summary>Each node's next "look at me" event, indexed by node.</summary>
    public readonly QueuedEventTracker[] Trackers;

    /// <summary>The event timeline.</summary>
    public readonly RadixHeapQueue Queue = new();

    /// <summary>Region arena.</summary>
    public readonly RegionPool Regions = new();

    public GraphFlooder(FloodGraph graph)
    {
        Graph = graph;
        _start = graph.Start;
        _slots = graph.Slots;
        _reverseSlot = graph.ReverseSlot;
        _observables = graph.ObservablesByWord[0];
        Nodes = new DetectorNodeState[graph.NumNodes];
        Reach = new NodeReach[graph.NumNodes];
        Trackers = new QueuedEventTracker[graph.NumNodes];
    }

    /// <summary>The graph flooded.</summary>
    public FloodGraph Graph { get; }

    /// <summary>Chooses which 64-bit word of observables compressed edges carry this run.</summary>
    public void SelectObservableWord(int word) => _observables = Graph.ObservablesByWord[word];

    /// <summary>
    /// Best time of a scan that found nothing: above every real event time (times stay below 2^40:
    /// 32-bit cyclic times widened against a clock that starts at 0 each shot), and half of long's
    /// range so that the branch-free comparison t − best never overflows.
    /// </summary>
    private const long NoEventTime = long.MaxValue >> 1;

    /// <summary>True when the node is owned by some region (read from the hot state: owned iff TopSlot ≠ 0).</summary>
    public bool IsOwned(int node) => Reach[node].TopSlot != 0;

    /// <summary>A detection event's region starts at its node (time 0, radius 0).</summary>
    public void RegionCreatedAtEmptyNode(GraphFillRegion region, int node)
    {
        ref var n = ref Nodes[node];
        n.Source = node;
        n.RadiusOfArrival = 0;
        n.RegionArrived = region;
        n.ObservablesFromSource = 0;
        Reach[node] = new NodeReach { LocalRadius = region.Radius.Data, TopSlot = region.Slot };
        region.PushShell(node);
        RescheduleNode(node);
    }

    /// <summary>
    /// The next interaction at a node: returns its slot (−1 if none) and absolute time. The hot loop
    /// indexes without bounds checks: slots come from <see cref="FloodGraph"/>, whose constructor
    /// checked every neighbour index, and <paramref name="node"/> is a node index. Each slot costs two
    /// dependent loads (slot, then the neighbour's reach), thanks to the stored local radius lines.
    /// </summary>
    private int FindNextEvent(int node, out long bestTime)
    {
        ref NodeReach reach0 = ref MemoryMarshal.GetArrayDataReference(Reach);
        ref FloodEdge slot0 = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref NodeReach n = ref Unsafe.Add(ref reach0, node);
        long rad1 = n.LocalRadius;
        AssertLocalRadiusCurrent(node);
        long y1 = rad1 >> 2;
        int s = _start[node], end = _start[node + 1];
        int best = -1;
        // Below any event time, and far enough from long's ends that t − bt cannot overflow.
        long bt = NoEventTime;
        if ((rad1 & 1) != 0)
        {
            if (s < end && Unsafe.Add(ref slot0, s).Node < 0)
            {
                bt = Unsafe.Add(ref slot0, s).Weight - y1;
                best = s;
                s++;
            }
            int top = n.TopSlot;
            // A neighbour in the same top region or a shrinking one is no candidate; a growing one
            // closes the gap at rate 2 (t halves, branch-free), an empty or frozen one at rate 1.
            for (int i = s; i < end; i++)
            {
                ref FloodEdge e = ref Unsafe.Add(ref slot0, i);
                ref NodeReach m = ref Unsafe.Add(ref reach0, e.Node);
                if (m.TopSlot == top)
                {
                    continue;
                }
                long rad2 = m.LocalRadius;
                AssertLocalRadiusCurrent(e.Node);
                if ((rad2 & 2) != 0)
                {
                    continue;
                }
                long t = (e.Weight - y1 - (rad2 >> 2)) >> (int)(rad2 & 1);
                if (t < bt)
                {
                    bt = t;
                    best = i;
                }
            }
        }
        else
        {
            if (s < end && Unsafe.Add(ref slot0, s).Node < 0)
            {
                s++;
            }
            // Only growing neighbours can reach this node; they are rare, so branches predict well here.
            for (int i = s; i < end; i++)
            {
                ref FloodEdge e = ref Unsafe.Add(ref slot0, i);
                ref NodeReach m = ref Unsafe.Add(ref reach0, e.Node);
                long rad2 = m.LocalRadius;
                if ((rad2 & 1) != 0)
                {
                    long t = e.Weight - y1 - (rad2 >> 2);
                    if (t < bt)
                    {
                        bt = t;
                        best = i;
                    }
                }
            }
        }
        bestTime = bt;
        return best;
    }

    /// <summary>
    /// Debug builds: the node's stored local radius agrees with its top region's radius. (Nodes of the
    /// top region whose area is being walked may lag; the scans never read those, see
    /// <see cref="RescheduleTotalArea"/>.)
    /// </summary>
    [System.Diagnostics.Conditional("DEBUG")]
    private void AssertLocalRadiusCurrent(int node) =>
        System.Diagnostics.Debug.Assert(
            Reach[node].LocalRadius == Regions.Radii[Reach[node].TopSlot] + ((long)ComputeWrappedRadius(node) << 2),
            "stored local radius out of date");

    /// <summary>Recomputes a node's next event and tells its tracker.</summary>
    public void RescheduleNode(int node)
    {
        int slot = FindNextEvent(node, out long t);
        if (slot < 0)
        {
            Trackers[node].SetNoDesiredEvent();
        }
        else
        {
            Trackers[node].SetDesiredEvent(new FloodCheckEvent(node, unchecked((uint)t)), Queue);
        }
    }

    /// <summary>Schedules when a shrinking region next loses a node (or, with an empty shell, reaches radius 0).</summary>
    private void ScheduleTentativeShrinkEvent(GraphFillRegion region)
    {
        long t;
        if (region.ShellCount == 0)
        {
            t = region.Radius.TimeOfXInterceptForShrinking;
        }
        else
        {
            int last = region.Shell[region.ShellCount - 1];
            AssertLocalRadiusCurrent(last);
            t = Reach[last].LocalRadius >> 2;
        }
        region.ShrinkTracker.SetDesiredEvent(new FloodCheckEvent(~region.Id, unchecked((uint)t)), Queue);
    }

    /// <summary>A region's growth reaches an empty node through slot <paramref name="slot"/> of <paramref name="from"/>.</summary>
    private void ArriveAtEmptyNode(GraphFillRegion region, int empty, int from, int slot)
    {
        ref var f = ref Nodes[from];
        ref var e = ref Nodes[empty];
        e.ObservablesFromSource = f.ObservablesFromSource ^ _observables[slot];
        e.Source = f.Source;
        e.RadiusOfArrival = region.Radius.At(Queue.CurrentTime);
        e.RegionArrived = region;
        ref var r = ref Reach[empty];
        r.TopSlot = region.BlossomParentTop.Slot;
        r.LocalRadius = Regions.Radii[r.TopSlot] + ((long)ComputeWrappedRadius(empty) << 2);
        region.PushShell(empty);
        RescheduleNode(empty);
    }

    /// <summary>A shrink check fired: drop the last shell node, or report an implosion or a shatter.</summary>
    private MwpmEvent DoRegionShrinking(GraphFillRegion region)
    {
        if (region.ShellCount == 0)
        {
            return DoBlossomShattering(region);
        }
        if (region.ShellCount == 1 && !region.IsBlossom)
        {
            return DoDegenerateImplosion(region);
        }
        int leaving = region.Shell[--region.ShellCount];
        ClearOwnership(leaving);
        RescheduleNode(leaving);
        ScheduleTentativeShrinkEvent(region);
        return MwpmEvent.None;
    }

    private MwpmEvent DoNeighborInteraction(int src, int slot, int dst)
    {
        // Ownership from the hot state the scan just read (owned iff TopSlot ≠ 0; at least one end is owned).
        int srcTop = Reach[src].TopSlot, dstTop = Reach[dst].TopSlot;
        if (dstTop == 0)
        {
            ArriveAtEmptyNode(Regions.BySlot(srcTop), dst, src, slot);
            return MwpmEvent.None;
        }
        if (srcTop == 0)
        {
            ArriveAtEmptyNode(Regions.BySlot(dstTop), src, dst, _reverseSlot[slot]);
            return MwpmEvent.None;
        }
        ref var s = ref Nodes[src];
        ref var d = ref Nodes[dst];
        return MwpmEvent.HitRegion(Regions.BySlot(srcTop), Regions.BySlot(dstTop),
            new CompressedEdge(s.Source, d.Source, s.ObservablesFromSource ^ d.ObservablesFromSource ^ _observables[slot]));
    }

    private MwpmEvent DoRegionHitBoundary(int node)
    {
        ref var n = ref Nodes[node];
        return MwpmEvent.HitBoundary(TopRegionOf(node),
            new CompressedEdge(n.Source, -1, n.ObservablesFromSource ^ _observables[_start[node]]));
    }

    /// <summary>
    /// An inner trivial region shrank onto its own detection event: its tree parent's and tree
    /// child's outer regions now touch through it, reported as a region-hit-region event with the
    /// two edges joined (this forms a blossom).
    /// </summary>
    private static MwpmEvent DoDegenerateImplosion(GraphFillRegion region)
    {
        var alt = region.AltTreeNode!;
        var parentEdge = alt.Parent.Edge;
        var toOuter = alt.InnerToOuterEdge;
        return MwpmEvent.HitRegion(alt.Parent.Node!.OuterRegion!, alt.OuterRegion!,
            new CompressedEdge(parentEdge.To, toOuter.To, toOuter.Observables ^ parentEdge.Observables));
    }

    private MwpmEvent DoBlossomShattering(GraphFillRegion region)
    {
        var alt = region.AltTreeNode!;
        return MwpmEvent.Shatter(region, HeirRegionOnShatter(alt.Parent.Edge.From), HeirRegionOnShatter(alt.InnerToOuterEdge.From));
    }

    /// <summary>The child of the node's top region that contains the node.</summary>
    private GraphFillRegion HeirRegionOnShatter(int node)
    {
        var top = TopRegionOf(node);
        var r = Nodes[node].RegionArrived!;
        while (true)
        {
            var p = r.BlossomParent;
            if (ReferenceEquals(p, top))
            {
                return r;
            }
            r = p!;
        }
    }

    /// <summary>Looks at a node whose event came due: fires the interaction due now, or reschedules.</summary>
    private MwpmEvent DoLookAtNodeEvent(int node)
    {
        int slot = FindNextEvent(node, out long t);
        if (slot >= 0 && t == Queue.CurrentTime)
        {
            // Look again right after the matcher handles this: more interactions may be due now.
            Trackers[node].SetDesiredEvent(new FloodCheckEvent(node, unchecked((uint)t)), Queue);
            int other = _slots[slot].Node;
            return other < 0 ? DoRegionHitBoundary(node) : DoNeighborInteraction(node, slot, other);
        }
        if (slot >= 0)
        {
            Trackers[node].SetDesiredEvent(new FloodCheckEvent(node, unchecked((uint)t)), Queue);
        }
        return MwpmEvent.None;
    }

    /// <summary>Processes the timeline until something needs the matcher, or the queue is empty (returns None).</summary>
    public MwpmEvent RunUntilNextMwpmNotification()
    {
        while (Queue.TryDequeue(out var ev))
        {
            MwpmEvent result;
            if (ev.IsRegion)
            {
                var region = Regions.ById(~ev.Target);
                if (!region.ShrinkTracker.DequeueDecision(ev, Queue))
                {
                    continue;
                }
                result = DoRegionShrinking(region);
            }
            else
            {
                if (!Trackers[ev.Target].DequeueDecision(ev, Queue))
                {
                    continue;
                }
                result = DoLookAtNodeEvent(ev.Target);
            }
            if (result.Kind != MwpmEventKind.None)
            {
                return result;
            }
        }
        return MwpmEvent.None;
    }

    /// <summary>Makes a region grow (outer); every node of its area may now meet something sooner.</summary>
    public void SetRegionGrowing(GraphFillRegion region)
    {
        var before = region.Radius;
        region.Radius = before.ThenGrowingAt(Queue.CurrentTime);
        region.ShrinkTracker.SetNoDesiredEvent();
        ShiftAndRescheduleTotalArea(region, region.Radius.Data - before.Data);
    }

    /// <summary>
    /// Freezes a region (matched); nodes need rescheduling only if it was shrinking. A growing region's
    /// nodes can only meet things later now, so their events stay (they fire, find nothing due and
    /// reschedule), but their stored local radii must follow the new slope.
    /// </summary>
    public void SetRegionFrozen(GraphFillRegion region)
    {
        var before = region.Radius;
        region.Radius = before.ThenFrozenAt(Queue.CurrentTime);
        region.ShrinkTracker.SetNoDesiredEvent();
        long lineShift = region.Radius.Data - before.Data;
        if (before.IsShrinking)
        {
            ShiftAndRescheduleTotalArea(region, lineShift);
        }
        else if (before.IsGrowing)
        {
            ShiftTotalAreaLocalRadii(region, lineShift);
        }
    }

    /// <summary>Makes a region shrink (inner): only its shrink event matters; node events are cancelled.</summary>
    public void SetRegionShrinking(GraphFillRegion region)
    {
        var before = region.Radius;
        region.Radius = before.ThenShrinkingAt(Queue.CurrentTime);
        // First: the shrink event's time is read from the last shell node's stored local radius.
        CancelTotalAreaEvents(region, region.Radius.Data - before.Data);
        ScheduleTentativeShrinkEvent(region);
    }

    /// <summary>
    /// Forms a blossom from an odd cycle (paper §3.3): freezes the children, wraps them (updating
    /// every node's top pointer and wrapped radius) and reschedules every node of the new area.
    /// </summary>
    public GraphFillRegion CreateBlossom(ReadOnlySpan<RegionEdge> cycle)
    {
        var blossom = Regions.Alloc();
        blossom.Radius = Varying.GrowingFromZeroAt(Queue.CurrentTime);
        blossom.SetChildren(cycle);
        foreach (var re in cycle)
        {
            re.Region.Radius = re.Region.Radius.ThenFrozenAt(Queue.CurrentTime);
            WrapIntoBlossom(re.Region, blossom);
            re.Region.ShrinkTracker.SetNoDesiredEvent();
        }
        RescheduleTotalArea(blossom);
        return blossom;
    }
}

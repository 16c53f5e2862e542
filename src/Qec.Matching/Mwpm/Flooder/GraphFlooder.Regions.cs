namespace Qec.Matching.Mwpm.Flooder;

/// <summary>
/// Region-structure helpers of the flooder: walks over a region's total area or its descendants
/// with an explicit stack (blossoms nest arbitrarily deep; no recursion), blossom wrapping and
/// unwrapping, and per-shot clean-up of touched nodes.
/// </summary>
internal sealed partial class GraphFlooder
{
    private GraphFillRegion[] _stack = new GraphFillRegion[16];

    private void Push(ref int sp, GraphFillRegion r)
    {
        if (sp == _stack.Length)
        {
            Array.Resize(ref _stack, sp * 2);
        }
        _stack[sp++] = r;
    }

    /// <summary>
    /// Σ frozen radii of the regions from the node's arriving region up to (not including) its top
    /// region, minus its radius of arrival (PyMatching's <c>compute_wrapped_radius</c>).
    /// </summary>
    private int ComputeWrappedRadius(int node)
    {
        ref var n = ref Nodes[node];
        var r = n.RegionArrived;
        if (r is null)
        {
            return 0;
        }
        int top = Reach[node].TopSlot;
        long total = 0;
        while (r!.Slot != top)
        {
            total += r.Radius.YIntercept;
            r = r.BlossomParent;
        }
        return checked((int)(total - n.RadiusOfArrival));
    }

    /// <summary>The node leaves every region (its tracker is left alone).</summary>
    private void ClearOwnership(int node)
    {
        ref var n = ref Nodes[node];
        n.RegionArrived = null;
        n.RadiusOfArrival = 0;
        n.ObservablesFromSource = 0;
        Reach[node] = default;
    }

    /// <summary>The top region of an owned node.</summary>
    public GraphFillRegion TopRegionOf(int node) => Regions.BySlot(Reach[node].TopSlot);

    /// <summary>Reschedules every node of a top region's total area (its radius line unchanged since its nodes' were set).</summary>
    public void RescheduleTotalArea(GraphFillRegion root) => ShiftAndRescheduleTotalArea(root, 0);

    /// <summary>
    /// Reschedules every node of a top region's total area, in PyMatching's order (pre-order over the
    /// blossom tree, each shell newest first) so that queue ties break the same way, first shifting
    /// each node's stored local radius by <paramref name="lineShift"/>, the change of the region's packed
    /// radius line (new − old Varying data: local radius = top radius + a constant, so this is exact).
    /// A node rescheduled before a same-region neighbour's line is shifted never reads that line: a
    /// growing node's scan skips its own top region, and a frozen one (formerly shrinking) only looks
    /// at growing neighbours, which a stale shrinking line is not either.
    /// </summary>
    private void ShiftAndRescheduleTotalArea(GraphFillRegion root, long lineShift)
    {
        System.Diagnostics.Debug.Assert(root.BlossomParent is null, "only a top region changes slope");
        int sp = 0;
        Push(ref sp, root);
        while (sp > 0)
        {
            var r = _stack[--sp];
            for (int i = r.ShellCount - 1; i >= 0; i--)
            {
                int node = r.Shell[i];
                Reach[node].LocalRadius += lineShift;
                RescheduleNode(node);
            }
            for (int c = r.ChildCount - 1; c >= 0; c--)
            {
                Push(ref sp, r.Children[c].Region);
            }
        }
    }

    /// <summary>
    /// Cancels the node events of a top region's total area (it is shrinking: its nodes cannot act)
    /// and shifts their stored local radii by the change of its radius line.
    /// </summary>
    private void CancelTotalAreaEvents(GraphFillRegion root, long lineShift)
    {
        int sp = 0;
        Push(ref sp, root);
        while (sp > 0)
        {
            var r = _stack[--sp];
            for (int i = 0; i < r.ShellCount; i++)
            {
                int node = r.Shell[i];
                Trackers[node].SetNoDesiredEvent();
                Reach[node].LocalRadius += lineShift;
            }
            for (int c = 0; c < r.ChildCount; c++)
            {
                Push(ref sp, r.Children[c].Region);
            }
        }
    }

    /// <summary>Shifts the stored local radii of a top region's total area by the change of its radius line.</summary>
    private void ShiftTotalAreaLocalRadii(GraphFillRegion root, long lineShift)
    {
        int sp = 0;
        Push(ref sp, root);
        while (sp > 0)
        {
            var r = _stack[--sp];
            for (int i = 0; i < r.ShellCount; i++)
            {
                Reach[r.Shell[i]].LocalRadius += lineShift;
            }
            for (int c = 0; c < r.ChildCount; c++)
            {
                Push(ref sp, r.Children[c].Region);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="top"/> the top region of <paramref name="root"/> and all its descendants,
    /// updating their nodes' top pointers and (when asked) stored local radii.
    /// </summary>
    private void SetTopForDescendants(GraphFillRegion root, GraphFillRegion top, bool updateLocalRadius)
    {
        long topRadius = top.Radius.Data;
        int sp = 0;
        Push(ref sp, root);
        while (sp > 0)
        {
            var r = _stack[--sp];
            r.BlossomParentTop = top;
            for (int i = 0; i < r.ShellCount; i++)
            {
                int node = r.Shell[i];
                ref var reach = ref Reach[node];
                reach.TopSlot = top.Slot;
                if (updateLocalRadius)
                {
                    reach.LocalRadius = topRadius + ((long)ComputeWrappedRadius(node) << 2);
                }
            }
            for (int c = 0; c < r.ChildCount; c++)
            {
                Push(ref sp, r.Children[c].Region);
            }
        }
    }

    /// <summary>Puts a (frozen) region inside a new blossom.</summary>
    private void WrapIntoBlossom(GraphFillRegion region, GraphFillRegion blossom)
    {
        region.BlossomParent = blossom;
        SetTopForDescendants(region, blossom, updateLocalRadius: true);
    }

    /// <summary>A blossom child becomes top level again (its blossom shattered).</summary>
    public void ClearBlossomParent(GraphFillRegion region)
    {
        region.BlossomParent = null;
        SetTopForDescendants(region, region, updateLocalRadius: true);
    }

    /// <summary>
    /// As <see cref="ClearBlossomParent"/> but during result extraction, where radii no longer matter
    /// (the nodes' local radii are left stale until <see cref="CleanupShellArea"/>).
    /// </summary>
    public void ClearBlossomParentIgnoringWrappedRadius(GraphFillRegion region)
    {
        region.BlossomParent = null;
        SetTopForDescendants(region, region, updateLocalRadius: false);
    }

    /// <summary>Resets the nodes of a region's own shell to their untouched state.</summary>
    public void CleanupShellArea(GraphFillRegion region)
    {
        for (int i = 0; i < region.ShellCount; i++)
        {
            int node = region.Shell[i];
            ClearOwnership(node);
            Trackers[node].Clear();
        }
    }

    /// <summary>Full reset after an aborted shot: every node, the queue and the region arena.</summary>
    public void ResetAll()
    {
        Array.Clear(Nodes);
        Array.Clear(Reach);
        Array.Clear(Trackers);
        Queue.Clear();
        Regions.FreeAll();
    }
}

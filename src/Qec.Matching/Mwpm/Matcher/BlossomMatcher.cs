using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Mwpm.Matcher;

/// <summary>
/// Edmonds' blossom algorithm on graph fill regions (paper §3.3; PyMatching's <c>Mwpm</c>).
/// Alternating trees: outer regions grow, inner regions shrink, matched regions are frozen. A
/// region-hit-region event grows a tree (hit a matched pair), augments (hit the boundary match or
/// another tree) or forms a blossom (hit its own tree); a boundary hit augments to the boundary;
/// a shatter event breaks an inner blossom that shrank to zero back into the tree. All scratch
/// lists are reused: no allocation per shot after warm-up.
/// </summary>
internal sealed partial class BlossomMatcher
{
    private readonly ScratchList<AltTreeEdge> _orphans1 = new();
    private readonly ScratchList<AltTreeEdge> _orphans2 = new();
    private readonly ScratchList<RegionEdge> _path1 = new();
    private readonly ScratchList<RegionEdge> _path2 = new();
    private readonly ScratchList<RegionEdge> _cycle = new();
    private readonly ScratchList<AltTreeNode> _treePath = new();
    private readonly ScratchList<(AltTreeNode Node, int NextChild)> _treeStack = new();

    public BlossomMatcher(GraphFlooder flooder) => Flooder = flooder;

    /// <summary>The flooder driven by this matcher.</summary>
    public GraphFlooder Flooder { get; }

    /// <summary>Alternating-tree node arena.</summary>
    public AltTreePool TreeNodes { get; } = new();

    /// <summary>A detection event becomes a trivial region, root of its own one-node tree.</summary>
    public void CreateDetectionEvent(int node)
    {
        var region = Flooder.Regions.Alloc();
        TreeNodes.Alloc().InitRoot(region);
        Flooder.RegionCreatedAtEmptyNode(region, node);
    }

    /// <summary>Handles one flooder event; throws on an unknown kind.</summary>
    public void ProcessEvent(in MwpmEvent ev)
    {
        switch (ev.Kind)
        {
            case MwpmEventKind.RegionHitRegion:
                HandleRegionHitRegion(ev);
                break;
            case MwpmEventKind.RegionHitBoundary:
                HandleTreeHittingBoundary(ev.Region1!, ev.Edge);
                break;
            case MwpmEventKind.BlossomShatter:
                HandleBlossomShattering(ev.Region1!, ev.Region2!, ev.Region3!);
                break;
            case MwpmEventKind.None:
                break;
            default:
                throw new InvalidOperationException($"unknown matcher event kind {ev.Kind}");
        }
    }

    private void HandleRegionHitRegion(in MwpmEvent ev)
    {
        var r1 = ev.Region1!;
        var r2 = ev.Region2!;
        var n1 = r1.AltTreeNode;
        var n2 = r2.AltTreeNode;
        if (n1 is not null && n2 is not null)
        {
            var common = n1.MostRecentCommonAncestor(n2);
            if (common is null)
            {
                HandleTreeHittingOtherTree(r1, r2, ev.Edge);
            }
            else
            {
                HandleTreeHittingSelf(r1, r2, ev.Edge, common);
            }
        }
        else if (n1 is not null)
        {
            // Region 2 is outside any tree: matched to a region or to the boundary.
            if (r2.Match.Region is not null)
            {
                HandleTreeHittingMatch(r1, r2, ev.Edge);
            }
            else
            {
                HandleTreeHittingBoundaryMatch(r1, r2, ev.Edge);
            }
        }
        else if (n2 is not null)
        {
            if (r1.Match.Region is not null)
            {
                HandleTreeHittingMatch(r2, r1, ev.Edge.Reversed());
            }
            else
            {
                HandleTreeHittingBoundaryMatch(r2, r1, ev.Edge.Reversed());
            }
        }
        else
        {
            throw new InvalidOperationException("two frozen regions collided: the flooder broke an invariant");
        }
    }

    /// <summary>Augment to the boundary: re-root at the region, pair the rest of the tree, match the region to the boundary.</summary>
    private void HandleTreeHittingBoundary(GraphFillRegion region, CompressedEdge edge)
    {
        var node = region.AltTreeNode!;
        BecomeRoot(node);
        ShatterDescendantsIntoMatchesAndFreeze(node);
        region.Match = new Match(null, edge);
        Flooder.SetRegionFrozen(region);
    }

    /// <summary>A tree hits a region matched to the boundary: that region takes the tree region instead.</summary>
    private void HandleTreeHittingBoundaryMatch(GraphFillRegion unmatched, GraphFillRegion matched, CompressedEdge edge)
    {
        var node = unmatched.AltTreeNode!;
        unmatched.AddMatch(matched, edge);
        Flooder.SetRegionFrozen(unmatched);
        BecomeRoot(node);
        ShatterDescendantsIntoMatchesAndFreeze(node);
    }

    /// <summary>Two trees meet: re-root both at the colliding regions, pair everything, match the colliders.</summary>
    private void HandleTreeHittingOtherTree(GraphFillRegion r1, GraphFillRegion r2, CompressedEdge edge)
    {
        var n1 = r1.AltTreeNode!;
        var n2 = r2.AltTreeNode!;
        BecomeRoot(n1);
        BecomeRoot(n2);
        ShatterDescendantsIntoMatchesAndFreeze(n1);
        ShatterDescendantsIntoMatchesAndFreeze(n2);
        r1.AddMatch(r2, edge);
        Flooder.SetRegionFrozen(r1);
        Flooder.SetRegionFrozen(r2);
    }

    /// <summary>A tree hits a matched pair: the hit region becomes an inner child, its partner the outer one.</summary>
    private void HandleTreeHittingMatch(GraphFillRegion unmatched, GraphFillRegion matched, CompressedEdge edge)
    {
        var other = matched.Match.Region!;
        MakeChild(unmatched.AltTreeNode!, matched, other, matched.Match.Edge, edge);
        other.Match = Match.None;
        matched.Match = Match.None;
        Flooder.SetRegionShrinking(matched);
        Flooder.SetRegionGrowing(other);
    }

    private AltTreeNode MakeChild(AltTreeNode parent, GraphFillRegion inner, GraphFillRegion outer,
        CompressedEdge innerToOuter, CompressedEdge parentToChild)
    {
        var child = TreeNodes.Alloc();
        child.InitPair(inner, outer, innerToOuter);
        parent.AddChild(new AltTreeEdge(child, parentToChild));
        return child;
    }

    /// <summary>
    /// A tree hits itself: the odd cycle runs from the common ancestor's outer region down path 1 to
    /// r1, across the collision edge to r2 and back up path 2; it becomes a blossom that replaces the
    /// ancestor's outer region, and the pruned nodes' other children re-attach to the ancestor.
    /// </summary>
    private void HandleTreeHittingSelf(GraphFillRegion r1, GraphFillRegion r2, CompressedEdge edge, AltTreeNode common)
    {
        _orphans1.Clear();
        _orphans2.Clear();
        _path1.Clear();
        _path2.Clear();
        PruneUpwardPathStoppingBefore(r1.AltTreeNode!, common, back: true, _orphans1, _path1);
        PruneUpwardPathStoppingBefore(r2.AltTreeNode!, common, back: false, _orphans2, _path2);

        _cycle.Clear();
        for (int i = 0; i < _path2.Count; i++)
        {
            _cycle.Add(_path2[i]);
        }
        for (int i = _path1.Count - 1; i >= 0; i--)
        {
            _cycle.Add(_path1[i]);
        }
        _cycle.Add(new RegionEdge(r1, edge));
        common.OuterRegion!.AltTreeNode = null;
        var blossom = Flooder.CreateBlossom(_cycle.AsSpan());
        common.OuterRegion = blossom;
        blossom.AltTreeNode = common;
        for (int i = 0; i < _orphans1.Count; i++)
        {
            common.AddChild(_orphans1[i]);
        }
        for (int i = 0; i < _orphans2.Count; i++)
        {
            common.AddChild(_orphans2[i]);
        }
    }

    /// <summary>
    /// Removes the tree nodes from <paramref name="node"/> up to (not including) <paramref name="stop"/>,
    /// collecting their other children as orphans and their regions as cycle entries, oriented
    /// towards the ancestor when <paramref name="back"/> is false and away from it when true.
    /// </summary>
    private void PruneUpwardPathStoppingBefore(AltTreeNode node, AltTreeNode stop, bool back,
        ScratchList<AltTreeEdge> orphans, ScratchList<RegionEdge> path)
    {
        var current = node;
        while (!ReferenceEquals(current, stop))
        {
            for (int i = 0; i < current.ChildCount; i++)
            {
                orphans.Add(current.Children[i]);
            }
            var parent = current.Parent.Node!;
            if (back)
            {
                path.Add(new RegionEdge(current.InnerRegion!, current.InnerToOuterEdge));
                path.Add(new RegionEdge(parent.OuterRegion!, current.Parent.Edge.Reversed()));
            }
            else
            {
                path.Add(new RegionEdge(current.OuterRegion!, current.InnerToOuterEdge.Reversed()));
                path.Add(new RegionEdge(current.InnerRegion!, current.Parent.Edge));
            }
            parent.RemoveChild(current);
            current.OuterRegion!.AltTreeNode = null;
            current.InnerRegion!.AltTreeNode = null;
            TreeNodes.Free(current);
            current = parent;
        }
    }

    /// <summary>
    /// Rotates the tree so <paramref name="node"/> is its root (iteratively, from the old root down,
    /// exactly as PyMatching's recursive <c>become_root</c>).
    /// </summary>
    private void BecomeRoot(AltTreeNode node)
    {
        _treePath.Clear();
        for (var n = node; n.Parent.Node is not null; n = n.Parent.Node)
        {
            _treePath.Add(n);
        }
        for (int i = _treePath.Count - 1; i >= 0; i--)
        {
            var x = _treePath[i];
            var oldParent = x.Parent.Node!;
            oldParent.InnerRegion = x.InnerRegion;
            oldParent.InnerToOuterEdge = x.Parent.Edge;
            if (oldParent.InnerRegion is { } inner)
            {
                inner.AltTreeNode = oldParent;
            }
            x.InnerRegion = null;
            oldParent.RemoveChild(x);
            x.Parent = AltTreeEdge.None;
            x.AddChild(new AltTreeEdge(oldParent, x.InnerToOuterEdge.Reversed()));
            x.InnerToOuterEdge = CompressedEdge.None;
        }
    }

    /// <summary>
    /// Breaks a tree (rooted at <paramref name="root"/>) into frozen matched pairs, children before
    /// parents as PyMatching's recursion does; frees the tree nodes. The root's own outer region is
    /// left to the caller.
    /// </summary>
    private void ShatterDescendantsIntoMatchesAndFreeze(AltTreeNode root)
    {
        if (root.ChildCount == 0 && root.InnerRegion is null)
        {
            // A lone root (the common case below threshold): nothing to pair, no stack needed.
            root.OuterRegion!.AltTreeNode = null;
            TreeNodes.Free(root);
            return;
        }
        _treeStack.Clear();
        _treeStack.Add((root, 0));
        while (_treeStack.Count > 0)
        {
            ref var top = ref _treeStack[_treeStack.Count - 1];
            if (top.NextChild < top.Node.ChildCount)
            {
                var child = top.Node.Children[top.NextChild++].Node!;
                _treeStack.Add((child, 0));
                continue;
            }
            var n = top.Node;
            _treeStack.Count--;
            if (n.InnerRegion is { } inner)
            {
                var outer = n.OuterRegion!;
                n.Parent = AltTreeEdge.None;
                inner.AddMatch(outer, n.InnerToOuterEdge);
                Flooder.SetRegionFrozen(inner);
                Flooder.SetRegionFrozen(outer);
                inner.AltTreeNode = null;
                outer.AltTreeNode = null;
            }
            if (n.OuterRegion is { } o)
            {
                o.AltTreeNode = null;
            }
            TreeNodes.Free(n);
        }
    }
}

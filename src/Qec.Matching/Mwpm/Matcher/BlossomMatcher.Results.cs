using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Mwpm.Matcher;

/// <summary>Blossom shattering during the timeline, and extraction of the final matching.</summary>
internal sealed partial class BlossomMatcher
{
    private readonly ScratchList<GraphFillRegion> _extractStack = new();

    /// <summary>
    /// When set, every final match found by <see cref="ShatterBlossomAndExtractMatches"/> is appended
    /// here (ends and the compressed edge's observables; partner −1 = boundary). Used by the sliding
    /// window decoder's commit rule; null (the default) costs nothing.
    /// </summary>
    public ScratchList<MwpmMatch>? MatchSink { get; set; }

    /// <summary>
    /// An inner blossom shrank to radius 0 (paper §3.3). Its children become top level. Of the two
    /// arcs of the cycle between the child touching the tree parent and the child touching the tree
    /// child, the one with an odd number of regions (ends included) re-enters the tree as alternating
    /// inner/outer nodes; the other arc's regions are paired into frozen matches.
    /// </summary>
    private void HandleBlossomShattering(GraphFillRegion blossom, GraphFillRegion inParent, GraphFillRegion inChild)
    {
        for (int i = 0; i < blossom.ChildCount; i++)
        {
            Flooder.ClearBlossomParent(blossom.Children[i].Region);
        }
        _cycle.Clear();
        for (int i = 0; i < blossom.ChildCount; i++)
        {
            _cycle.Add(blossom.Children[i]);
        }
        int bsize = _cycle.Count;
        var blossomNode = blossom.AltTreeNode!;
        int parentIdx = 0, childIdx = 0;
        for (int i = 0; i < bsize; i++)
        {
            if (ReferenceEquals(_cycle[i].Region, inParent))
            {
                parentIdx = i;
            }
            if (ReferenceEquals(_cycle[i].Region, inChild))
            {
                childIdx = i;
            }
        }
        // Length of the path starting on inParent and stopping before inChild.
        int gap = (childIdx + bsize - parentIdx) % bsize;
        var current = blossomNode.Parent.Node!;
        current.RemoveChild(blossomNode);
        var childEdge = blossomNode.Parent.Edge.Reversed();
        int evensStart, evensEnd;
        if (gap % 2 == 0)
        {
            // The arc after inChild and before inParent is even: it gets matched.
            evensStart = childIdx + 1;
            evensEnd = childIdx + bsize - gap;
            for (int i = parentIdx; i < parentIdx + gap; i += 2)
            {
                current = MakeChild(current, _cycle[i % bsize].Region, _cycle[(i + 1) % bsize].Region,
                    _cycle[i % bsize].Edge, childEdge);
                childEdge = _cycle[(i + 1) % bsize].Edge;
                Flooder.SetRegionShrinking(current.InnerRegion!);
                Flooder.SetRegionGrowing(current.OuterRegion!);
            }
        }
        else
        {
            // The arc after inParent and before inChild is even: it gets matched; walk the other way.
            evensStart = parentIdx + 1;
            evensEnd = parentIdx + gap;
            for (int i = 0; i < bsize - gap; i += 2)
            {
                int k1 = (parentIdx + bsize - i) % bsize;
                int k2 = (parentIdx + bsize - i - 1) % bsize;
                int k3 = (parentIdx + bsize - i - 2) % bsize;
                current = MakeChild(current, _cycle[k1].Region, _cycle[k2].Region, _cycle[k2].Edge.Reversed(), childEdge);
                childEdge = _cycle[k3].Edge.Reversed();
                Flooder.SetRegionShrinking(current.InnerRegion!);
                Flooder.SetRegionGrowing(current.OuterRegion!);
            }
        }
        for (int j = evensStart; j < evensEnd; j += 2)
        {
            var a = _cycle[j % bsize];
            var b = _cycle[(j + 1) % bsize];
            a.Region.AddMatch(b.Region, a.Edge);
            // They were shrinking with the blossom and are now frozen: their nodes may act sooner.
            Flooder.RescheduleTotalArea(a.Region);
            Flooder.RescheduleTotalArea(b.Region);
        }
        var heir = _cycle[childIdx].Region;
        blossomNode.InnerRegion = heir;
        Flooder.SetRegionShrinking(heir);
        heir.AltTreeNode = blossomNode;
        current.AddChild(new AltTreeEdge(blossomNode, childEdge));
        Flooder.Regions.Free(blossom);
    }

    /// <summary>
    /// Extracts the matching of a top-level matched region (and its partner), shattering blossoms:
    /// each blossom's radius is added, the child holding the match edge's end inherits the match and
    /// the other children are paired around the cycle (paper §3.4). Weight = Σ frozen radii = the
    /// dual objective, which equals the primal weight at the optimum; the prediction is the XOR of
    /// the matched compressed edges. Touched nodes are reset and regions returned to the arena.
    /// </summary>
    public void ShatterBlossomAndExtractMatches(GraphFillRegion top, ref ulong observables, ref long weight)
    {
        // Most matches join two trivial regions or one and the boundary: no stack needed.
        if (TryExtractTrivialMatch(top, ref observables, ref weight))
        {
            return;
        }
        _extractStack.Clear();
        _extractStack.Add(top);
        while (_extractStack.Count > 0)
        {
            var region = _extractStack[--_extractStack.Count];
            if (TryExtractTrivialMatch(region, ref observables, ref weight))
            {
                continue;
            }
            Flooder.CleanupShellArea(region);
            if (region.Match.Region is { } partner)
            {
                Flooder.CleanupShellArea(partner);
            }
            if (region.IsBlossom)
            {
                region = PairAndShatterSubblossoms(region, ref weight);
            }
            if (region.Match.Region is { IsBlossom: true } p)
            {
                PairAndShatterSubblossoms(p, ref weight);
            }
            _extractStack.Add(region);
        }
    }

    /// <summary>
    /// When neither <paramref name="region"/> nor its partner (if any; none = the boundary) is a
    /// blossom: adds the match (its mask and both frozen radii), resets their nodes, frees both
    /// regions and returns true. Otherwise changes nothing and returns false.
    /// </summary>
    private bool TryExtractTrivialMatch(GraphFillRegion region, ref ulong observables, ref long weight)
    {
        var partner = region.Match.Region;
        if (region.IsBlossom || partner is { IsBlossom: true })
        {
            return false;
        }
        var edge = region.Match.Edge;
        Flooder.CleanupShellArea(region);
        MatchSink?.Add(new MwpmMatch(edge.From, partner is null ? -1 : edge.To, edge.Observables));
        observables ^= edge.Observables;
        weight += region.Radius.YIntercept;
        if (partner is not null)
        {
            Flooder.CleanupShellArea(partner);
            weight += partner.Radius.YIntercept;
            Flooder.Regions.Free(partner);
        }
        Flooder.Regions.Free(region);
        return true;
    }

    /// <summary>
    /// Dissolves a matched blossom: the child containing its match edge's end takes over the match,
    /// the remaining children are matched in pairs around the cycle (queued for extraction).
    /// Returns the inheriting child.
    /// </summary>
    private GraphFillRegion PairAndShatterSubblossoms(GraphFillRegion blossom, ref long weight)
    {
        int n = blossom.ChildCount;
        for (int i = 0; i < n; i++)
        {
            Flooder.ClearBlossomParentIgnoringWrappedRadius(blossom.Children[i].Region);
        }
        var heir = Flooder.TopRegionOf(blossom.Match.Edge.From);
        heir.Match = blossom.Match;
        if (heir.Match.Region is { } partner)
        {
            partner.Match = new Match(heir, partner.Match.Edge);
        }
        weight += blossom.Radius.YIntercept;
        int index = 0;
        for (int i = 0; i < n; i++)
        {
            if (ReferenceEquals(blossom.Children[i].Region, heir))
            {
                index = i;
                break;
            }
        }
        for (int i = 0; i < n - 1; i += 2)
        {
            var re1 = blossom.Children[(index + i + 1) % n];
            var re2 = blossom.Children[(index + i + 2) % n];
            re1.Region.AddMatch(re2.Region, re1.Edge);
            _extractStack.Add(re1.Region);
        }
        Flooder.Regions.Free(blossom);
        return heir;
    }
}

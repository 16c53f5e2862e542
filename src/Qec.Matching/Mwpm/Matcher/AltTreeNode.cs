using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Mwpm.Matcher;

/// <summary>An edge of an alternating tree: the node at the other end and the compressed edge to it.</summary>
internal readonly struct AltTreeEdge(AltTreeNode? node, CompressedEdge edge)
{
    public readonly AltTreeNode? Node = node;
    public readonly CompressedEdge Edge = edge;

    public static AltTreeEdge None => new(null, CompressedEdge.None);
}

/// <summary>
/// A node of an alternating tree (paper §3.3): an inner (shrinking) region and the outer (growing)
/// region it is matched to; the root has only an outer region. Inner regions have exactly one
/// child, so the pair forms one node. <see cref="Parent"/>'s edge runs from this node's inner
/// region to the parent's outer region; each child edge runs from this node's outer region to the
/// child's inner region. Pooled by <see cref="AltTreePool"/>.
/// </summary>
internal sealed class AltTreeNode
{
    public GraphFillRegion? InnerRegion;
    public GraphFillRegion? OuterRegion;

    /// <summary>Edge from the inner region to the outer region (None at the root).</summary>
    public CompressedEdge InnerToOuterEdge;

    public AltTreeEdge Parent;

    /// <summary>Child edges; count in <see cref="ChildCount"/>.</summary>
    public AltTreeEdge[] Children;

    private readonly AltTreeEdge[] _baseChildren = new AltTreeEdge[4];
    private readonly ArrayClassPool<AltTreeEdge> _arrays;

    public AltTreeNode(ArrayClassPool<AltTreeEdge> arrays)
    {
        _arrays = arrays;
        Children = _baseChildren;
    }

    public int ChildCount;

    /// <summary>Scratch flag of <see cref="MostRecentCommonAncestor"/>; false between calls.</summary>
    public bool Visited;

    /// <summary>Turns this pooled node into a root holding only <paramref name="outer"/>.</summary>
    public void InitRoot(GraphFillRegion outer)
    {
        InnerRegion = null;
        OuterRegion = outer;
        InnerToOuterEdge = CompressedEdge.None;
        Parent = AltTreeEdge.None;
        ChildCount = 0;
        Visited = false;
        outer.AltTreeNode = this;
    }

    /// <summary>Turns this pooled node into an (inner, outer) pair without parent or children.</summary>
    public void InitPair(GraphFillRegion inner, GraphFillRegion outer, CompressedEdge innerToOuter)
    {
        InnerRegion = inner;
        OuterRegion = outer;
        InnerToOuterEdge = innerToOuter;
        Parent = AltTreeEdge.None;
        ChildCount = 0;
        Visited = false;
        inner.AltTreeNode = this;
        outer.AltTreeNode = this;
    }

    /// <summary>Appends a child and points its parent edge back here.</summary>
    public void AddChild(AltTreeEdge child)
    {
        if (ChildCount == Children.Length)
        {
            _arrays.Grow(ref Children, ChildCount, _baseChildren);
        }
        Children[ChildCount++] = child;
        child.Node!.Parent = new AltTreeEdge(this, child.Edge.Reversed());
    }

    /// <summary>Drops references and gives a borrowed child array back (the node is being freed).</summary>
    public void Release()
    {
        InnerRegion = null;
        OuterRegion = null;
        Parent = AltTreeEdge.None;
        Array.Clear(Children, 0, ChildCount);
        ChildCount = 0;
        Visited = false;
        if (!ReferenceEquals(Children, _baseChildren))
        {
            _arrays.Return(Children);
            Children = _baseChildren;
        }
    }

    /// <summary>Removes the child edge to <paramref name="child"/> by swapping in the last one (order matters for ties).</summary>
    public void RemoveChild(AltTreeNode child)
    {
        for (int i = 0; i < ChildCount; i++)
        {
            if (ReferenceEquals(Children[i].Node, child))
            {
                Children[i] = Children[--ChildCount];
                Children[ChildCount] = default;
                return;
            }
        }
    }

    /// <summary>
    /// The nearest common ancestor of this node and <paramref name="other"/>, or null when they are
    /// in different trees. Walks both upward paths alternately, marking visited nodes; clears the
    /// marks from the ancestor up before returning (marks below it are cleared by the pruning).
    /// </summary>
    public AltTreeNode? MostRecentCommonAncestor(AltTreeNode other)
    {
        var a = this;
        var b = other;
        a.Visited = true;
        b.Visited = true;
        AltTreeNode? common;
        while (true)
        {
            var pa = a.Parent.Node;
            var pb = b.Parent.Node;
            if (pa is null && pb is null)
            {
                // Different trees: clear every mark we set.
                ClearVisitedUpward(this);
                ClearVisitedUpward(other);
                return null;
            }
            if (pa is not null)
            {
                a = pa;
                if (a.Visited)
                {
                    common = a;
                    break;
                }
                a.Visited = true;
            }
            if (pb is not null)
            {
                b = pb;
                if (b.Visited)
                {
                    common = b;
                    break;
                }
                b.Visited = true;
            }
        }
        // Clear the marks on both paths (the pruned ones and those from the ancestor up).
        ClearVisitedUpward(this);
        ClearVisitedUpward(other);
        return common;
    }

    private static void ClearVisitedUpward(AltTreeNode? n)
    {
        while (n is not null && n.Visited)
        {
            n.Visited = false;
            n = n.Parent.Node;
        }
    }
}

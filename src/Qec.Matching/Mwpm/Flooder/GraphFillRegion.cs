using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Mwpm.Matcher;
using Qec.Matching.Mwpm.Tracker;

namespace Qec.Matching.Mwpm.Flooder;

/// <summary>
/// A graph fill region (paper §3.1): a dual variable grown from one detection event, or a blossom
/// of an odd cycle of regions. Pooled by <see cref="RegionPool"/> and reused shot after shot; its
/// arrays only grow. Invariants: a blossom's children are frozen and their <see cref="BlossomParent"/>
/// is the blossom; <see cref="BlossomParentTop"/> is this region when it is top level; a blossom's
/// radius is its growth since it formed (it starts at 0).
/// </summary>
internal sealed class GraphFillRegion
{
    /// <summary>Stable index in the pool, used by shrink events.</summary>
    public readonly int Id;

    /// <summary>The blossom directly containing this region, or null.</summary>
    public GraphFillRegion? BlossomParent;

    /// <summary>The outermost region containing this one (itself when top level).</summary>
    public GraphFillRegion BlossomParentTop;

    /// <summary>The alternating-tree node this top-level region belongs to, or null when matched.</summary>
    public AltTreeNode? AltTreeNode;

    /// <summary>This region's index in <see cref="RegionPool.Radii"/> and in nodes' top pointers (id + 1).</summary>
    public int Slot => Id + 1;

    /// <summary>Radius as a line in time (stored in the pool's dense radius array).</summary>
    public Varying Radius
    {
        get => new(_pool.Radii[Id + 1]);
        set => _pool.Radii[Id + 1] = value.Data;
    }

    /// <summary>The next "check my shrinking" event.</summary>
    public QueuedEventTracker ShrinkTracker;

    /// <summary>What this region is matched to when frozen outside a tree.</summary>
    public Match Match;

    /// <summary>Blossom cycle: child i's edge goes to child i+1 (cyclically). Count in <see cref="ChildCount"/>.</summary>
    public RegionEdge[] Children;

    public int ChildCount;

    /// <summary>Nodes this region itself reached, in arrival order. Count in <see cref="ShellCount"/>.</summary>
    public int[] Shell;

    public int ShellCount;

    private readonly RegionEdge[] _baseChildren = new RegionEdge[4];
    private readonly int[] _baseShell = new int[8];
    private readonly RegionPool _pool;

    public GraphFillRegion(int id, RegionPool pool)
    {
        Id = id;
        _pool = pool;
        Children = _baseChildren;
        Shell = _baseShell;
        BlossomParentTop = this;
        Reset();
    }

    /// <summary>True when this region is a blossom.</summary>
    public bool IsBlossom => ChildCount > 0;

    /// <summary>Back to a fresh trivial region, growing from radius 0 at time 0.</summary>
    public void Reset()
    {
        BlossomParent = null;
        BlossomParentTop = this;
        AltTreeNode = null;
        Radius = new Varying(1);
        ShrinkTracker.Clear();
        Match = Match.None;
        ChildCount = 0;
        ShellCount = 0;
    }

    /// <summary>Appends a node to the shell.</summary>
    public void PushShell(int node)
    {
        if (ShellCount == Shell.Length)
        {
            _pool.ShellArrays.Grow(ref Shell, ShellCount, _baseShell);
        }
        Shell[ShellCount++] = node;
    }

    /// <summary>Replaces the children with <paramref name="cycle"/>.</summary>
    public void SetChildren(ReadOnlySpan<RegionEdge> cycle)
    {
        while (Children.Length < cycle.Length)
        {
            _pool.ChildArrays.Grow(ref Children, 0, _baseChildren);
        }
        cycle.CopyTo(Children);
        ChildCount = cycle.Length;
    }

    /// <summary>Gives borrowed arrays back to the pool (the region is being freed).</summary>
    public void ReleaseArrays()
    {
        if (!ReferenceEquals(Shell, _baseShell))
        {
            _pool.ShellArrays.Return(Shell);
            Shell = _baseShell;
        }
        if (!ReferenceEquals(Children, _baseChildren))
        {
            _pool.ChildArrays.Return(Children);
            Children = _baseChildren;
        }
    }

    /// <summary>Matches this region and <paramref name="other"/> (or the boundary when null) both ways.</summary>
    public void AddMatch(GraphFillRegion? other, CompressedEdge edge)
    {
        Match = new Match(other, edge);
        if (other is not null)
        {
            other.Match = new Match(this, edge.Reversed());
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"region {Id} r={Radius} shell={ShellCount} children={ChildCount}";
}

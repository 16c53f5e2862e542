using System.Runtime.CompilerServices;

namespace Qec.Matching.UnionFind;

/// <summary>
/// The clusters of one shot as a disjoint-set forest over detector nodes (Delfosse &amp; Nickerson,
/// arXiv:1709.06218, cluster trees): union by size, path halving on find (a
/// one-pass form of path compression with the same near-constant amortized bound, Tarjan &amp; van
/// Leeuwen 1984). Each root carries its cluster's defect parity, the boundary edge that made it
/// neutral (if any), and its list of frontier nodes (nodes that may still have edges to grow).
/// </summary>
/// <remarks>
/// Invariants: a node is in a cluster iff its parent is ≥ 0; a root is its own parent; the edges
/// that joined or merged clusters (<see cref="TreeEdges"/>) form a spanning forest of the clusters,
/// because each one connected two different clusters (or a free node to a cluster) when it was
/// added. All per-node state is reset through <see cref="Members"/>, so a reset costs the size of
/// the last shot's clusters, not the size of the graph.
/// </remarks>
internal sealed class ClusterSet
{
    private readonly int[] _parent;
    private readonly int[] _size;
    private readonly byte[] _parity;
    private readonly byte[] _defect;
    private readonly int[] _boundaryEdge;
    private readonly int[] _frontierHead;
    private readonly int[] _frontierTail;
    private readonly int[] _frontierNext;
    private readonly int[] _memberIndex;
    private readonly int[] _members;
    private readonly int[] _treeEdges;
    private int _memberCount;
    private int _defectCount;
    private int _treeEdgeCount;

    /// <summary>Scratch for a graph with <paramref name="numNodes"/> detector nodes.</summary>
    public ClusterSet(int numNodes)
    {
        _parent = new int[numNodes];
        Array.Fill(_parent, -1);
        _size = new int[numNodes];
        _parity = new byte[numNodes];
        _defect = new byte[numNodes];
        _boundaryEdge = new int[numNodes];
        _frontierHead = new int[numNodes];
        _frontierTail = new int[numNodes];
        _frontierNext = new int[numNodes];
        _memberIndex = new int[numNodes];
        _members = new int[numNodes];
        _treeEdges = new int[numNodes];
    }

    /// <summary>Nodes in any cluster, in the order they joined.</summary>
    public ReadOnlySpan<int> Members => _members.AsSpan(0, _memberCount);

    /// <summary>
    /// The detection events of the shot: all defects are added before any node joins, so they are the
    /// first members. Every cluster root is one of them (joins never create roots, unions keep one).
    /// </summary>
    public ReadOnlySpan<int> Defects => _members.AsSpan(0, _defectCount);

    /// <summary>Edges that joined or merged clusters: a spanning forest of all clusters.</summary>
    public ReadOnlySpan<int> TreeEdges => _treeEdges.AsSpan(0, _treeEdgeCount);

    /// <summary>Empties every cluster touched since the last reset.</summary>
    public void Reset()
    {
        foreach (int node in Members)
        {
            _parent[node] = -1;
            _defect[node] = 0;
        }
        _memberCount = 0;
        _defectCount = 0;
        _treeEdgeCount = 0;
    }

    /// <summary>True when <paramref name="node"/> belongs to a cluster.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int node) => _parent[node] >= 0;

    /// <summary>The root of the cluster holding <paramref name="node"/>, which must be in one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int node)
    {
        // Fast paths: most nodes hang directly under their root after a few finds.
        int parent = _parent[node];
        if (parent == node)
        {
            return node;
        }
        int grand = _parent[parent];
        if (grand == parent)
        {
            return parent;
        }
        return FindWithHalving(node);
    }

    private int FindWithHalving(int node)
    {
        int parent = _parent[node];
        while (parent != node)
        {
            int grand = _parent[parent];
            _parent[node] = grand;
            node = grand;
            parent = _parent[node];
        }
        return node;
    }

    /// <summary>The root of the cluster holding <paramref name="node"/>, or -1 for a free node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RootOrNone(int node) => _parent[node] < 0 ? -1 : Find(node);

    /// <summary>Position of a member node in <see cref="Members"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MemberIndex(int node) => _memberIndex[node];

    /// <summary>True when the node carries a detection event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDefect(int node) => _defect[node] != 0;

    /// <summary>True for a root whose cluster must keep growing: odd and not touching the boundary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOdd(int root) => _parity[root] != 0 && _boundaryEdge[root] < 0;

    /// <summary>The boundary edge that made a root's cluster neutral, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BoundaryEdgeOf(int root) => _boundaryEdge[root];

    /// <summary>Starts a one-node cluster at a detection event.</summary>
    public void AddDefect(int node)
    {
        System.Diagnostics.Debug.Assert(_defectCount == _memberCount, "defects are added before any node joins");
        _defectCount++;
        AddMember(node, node);
        _size[node] = 1;
        _parity[node] = 1;
        _defect[node] = 1;
        _boundaryEdge[node] = -1;
        _frontierHead[node] = node;
        _frontierTail[node] = node;
        _frontierNext[node] = -1;
    }

    /// <summary>Adds free <paramref name="node"/> to the cluster of <paramref name="root"/> through fully grown <paramref name="edge"/>.</summary>
    public void Join(int node, int root, int edge)
    {
        AddMember(node, root);
        _size[root]++;
        _frontierNext[node] = -1;
        if (_frontierHead[root] < 0)
        {
            _frontierHead[root] = node;
        }
        else
        {
            _frontierNext[_frontierTail[root]] = node;
        }
        _frontierTail[root] = node;
        _treeEdges[_treeEdgeCount++] = edge;
    }

    /// <summary>
    /// Merges two different clusters through fully grown <paramref name="edge"/>: the smaller root
    /// hangs under the larger; parities add mod 2; a boundary contact of either side is kept
    /// (one suffices to make the merged cluster neutral); frontier lists are concatenated in O(1).
    /// </summary>
    public void Union(int rootA, int rootB, int edge)
    {
        if (_size[rootA] < _size[rootB])
        {
            (rootA, rootB) = (rootB, rootA);
        }
        _parent[rootB] = rootA;
        _size[rootA] += _size[rootB];
        _parity[rootA] ^= _parity[rootB];
        if (_boundaryEdge[rootA] < 0)
        {
            _boundaryEdge[rootA] = _boundaryEdge[rootB];
        }
        if (_frontierHead[rootB] >= 0)
        {
            if (_frontierHead[rootA] < 0)
            {
                _frontierHead[rootA] = _frontierHead[rootB];
            }
            else
            {
                _frontierNext[_frontierTail[rootA]] = _frontierHead[rootB];
            }
            _frontierTail[rootA] = _frontierTail[rootB];
        }
        _treeEdges[_treeEdgeCount++] = edge;
    }

    /// <summary>Records that the cluster of <paramref name="root"/> reached the boundary through <paramref name="edge"/>.</summary>
    public void TouchBoundary(int root, int edge)
    {
        if (_boundaryEdge[root] < 0)
        {
            _boundaryEdge[root] = edge;
        }
    }

    /// <summary>First frontier node of a root's cluster, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FrontierHead(int root) => _frontierHead[root];

    /// <summary>The frontier node after <paramref name="node"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FrontierNext(int node) => _frontierNext[node];

    /// <summary>
    /// Drops <paramref name="node"/> (preceded by <paramref name="previous"/>, -1 at the head) from
    /// a root's frontier: its edges are all fully grown or internal, which stays true forever.
    /// </summary>
    public void RemoveFrontier(int root, int previous, int node)
    {
        int next = _frontierNext[node];
        if (previous < 0)
        {
            _frontierHead[root] = next;
        }
        else
        {
            _frontierNext[previous] = next;
        }
        if (_frontierTail[root] == node)
        {
            _frontierTail[root] = previous;
        }
    }

    private void AddMember(int node, int parent)
    {
        _parent[node] = parent;
        _memberIndex[node] = _memberCount;
        _members[_memberCount++] = node;
    }
}

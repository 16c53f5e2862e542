namespace Qec.Matching.UnionFind;

/// <summary>
/// The peeling decoder (Delfosse &amp; Zémor, arXiv:1703.01517; Delfosse &amp; Nickerson,
/// arXiv:1709.06218, where it finishes the union-find decoder): inside each grown cluster, take a spanning tree, then remove
/// leaves one by one; a removed leaf that carries a defect puts its tree edge into the correction
/// and moves the defect to its parent. The tree is the forest of edges that fused the clusters
/// (<see cref="ClusterSet.TreeEdges"/>); a neutral cluster is rooted at the detector end of its
/// boundary edge so that a defect left at the root leaves through the boundary.
/// </summary>
/// <remarks>
/// Leaves come first by walking a breadth-first order of each tree backwards. All scratch is
/// indexed by a node's position among the shot's cluster members, so the work and the memory
/// touched are proportional to the clusters, not to the graph.
/// </remarks>
internal sealed class Peeler
{
    private readonly UnionFindGraph _graph;
    private readonly ClusterSet _clusters;
    private readonly int[] _treeStart;
    private readonly int[] _treeFill;
    private readonly int[] _treeEdge;
    private readonly int[] _order;
    private readonly int[] _parentEdge;
    private readonly int[] _parentMember;
    private readonly byte[] _visited;
    private readonly byte[] _parity;
    private readonly int[] _correction;
    private int _correctionCount;

    /// <summary>Scratch for peeling the clusters of <paramref name="clusters"/> on <paramref name="graph"/>.</summary>
    public Peeler(UnionFindGraph graph, ClusterSet clusters)
    {
        int n = graph.NumDetectors;
        _graph = graph;
        _clusters = clusters;
        _treeStart = new int[n + 1];
        _treeFill = new int[n];
        _treeEdge = new int[2 * n];
        _order = new int[n];
        _parentEdge = new int[n];
        _parentMember = new int[n];
        _visited = new byte[n];
        _parity = new byte[n];
        // Each member contributes at most its tree edge to its parent, and each root at most one boundary edge.
        _correction = new int[n];
    }

    /// <summary>The correction of the last <see cref="Peel"/>: edge indices, each at most once.</summary>
    public ReadOnlySpan<int> Correction => _correction.AsSpan(0, _correctionCount);

    /// <summary>Peels every cluster; the result is in <see cref="Correction"/>.</summary>
    public void Peel()
    {
        _correctionCount = 0;
        var members = _clusters.Members;
        BuildTreeAdjacency(members.Length);
        for (int m = 0; m < members.Length; m++)
        {
            _visited[m] = 0;
            _parity[m] = _clusters.IsDefect(members[m]) ? (byte)1 : (byte)0;
        }
        for (int m = 0; m < members.Length; m++)
        {
            if (_visited[m] == 0)
            {
                PeelCluster(members[m]);
            }
        }
    }

    /// <summary>CSR adjacency of the spanning forest over member positions.</summary>
    private void BuildTreeAdjacency(int memberCount)
    {
        var edgeA = _graph.EdgeA;
        var edgeB = _graph.EdgeB;
        var treeEdges = _clusters.TreeEdges;
        Array.Clear(_treeStart, 0, memberCount + 1);
        foreach (int e in treeEdges)
        {
            _treeStart[_clusters.MemberIndex(edgeA[e]) + 1]++;
            _treeStart[_clusters.MemberIndex(edgeB[e]) + 1]++;
        }
        for (int m = 0; m < memberCount; m++)
        {
            _treeStart[m + 1] += _treeStart[m];
            _treeFill[m] = _treeStart[m];
        }
        foreach (int e in treeEdges)
        {
            _treeEdge[_treeFill[_clusters.MemberIndex(edgeA[e])]++] = e;
            _treeEdge[_treeFill[_clusters.MemberIndex(edgeB[e])]++] = e;
        }
    }

    /// <summary>Peels the cluster holding <paramref name="anyNode"/>.</summary>
    private void PeelCluster(int anyNode)
    {
        var edgeA = _graph.EdgeA;
        var edgeB = _graph.EdgeB;
        int boundaryEdge = _clusters.BoundaryEdgeOf(_clusters.Find(anyNode));
        int rootNode = boundaryEdge >= 0 ? edgeA[boundaryEdge] : anyNode;
        int root = _clusters.MemberIndex(rootNode);

        // Breadth-first order from the root; parents before children.
        int count = 0;
        _order[count++] = root;
        _visited[root] = 1;
        _parentEdge[root] = -1;
        for (int head = 0; head < count; head++)
        {
            int m = _order[head];
            for (int k = _treeStart[m], end = _treeStart[m + 1]; k < end; k++)
            {
                int e = _treeEdge[k];
                int a = _clusters.MemberIndex(edgeA[e]);
                int child = a == m ? _clusters.MemberIndex(edgeB[e]) : a;
                if (_visited[child] == 0)
                {
                    _visited[child] = 1;
                    _parentEdge[child] = e;
                    _parentMember[child] = m;
                    _order[count++] = child;
                }
            }
        }

        // Peel leaves first: a defect at a leaf is carried across its tree edge to the parent.
        for (int i = count - 1; i > 0; i--)
        {
            int m = _order[i];
            if (_parity[m] != 0)
            {
                _correction[_correctionCount++] = _parentEdge[m];
                _parity[_parentMember[m]] ^= 1;
            }
        }
        if (_parity[root] != 0)
        {
            if (boundaryEdge < 0)
            {
                throw new InvalidOperationException(
                    $"union-find: cluster at detector {rootNode} ended odd without boundary contact (growth invariant broken)");
            }
            _correction[_correctionCount++] = boundaryEdge;
        }
    }
}

namespace Qec.Matching.UnionFind;

/// <summary>
/// Grows the odd clusters of one shot until none is left (Delfosse &amp; Nickerson,
/// arXiv:1709.06218, the growth and fusion loop, with the weighted edges of Huang, Newman &amp; Brown,
/// arXiv:2004.04693). Every odd cluster (odd defect count, no boundary contact) grows by the same
/// amount per round along every edge that leaves it; an edge whose growth reaches its length is
/// fully grown and fuses what it connects: a free node joins, two clusters merge, the boundary makes
/// the cluster neutral. Even and neutral clusters stop; an even cluster starts again when an odd one
/// merges into it.
/// </summary>
/// <remarks>
/// Rounds skip idle time: a round grows every odd cluster by the least amount that completes at
/// least one edge (an edge between two odd clusters grows from both sides, at twice the rate).
/// This is exactly the sequence of unit-growth rounds with the rounds in which nothing fuses left
/// out, since nothing else changes in such a round. Partial growth of an edge persists while its
/// cluster is idle. Per round, the frontier of the odd clusters is scanned once (finding the step
/// and listing the candidate edges) and the list is grown; reset costs only the edges grown in the shot.
/// </remarks>
internal sealed class ClusterGrowth
{
    private readonly UnionFindGraph _graph;
    private readonly ClusterSet _clusters;
    private readonly int[] _growth;
    private readonly int[] _grownEdges;
    private readonly int[] _fusions;
    private readonly int[] _oddRoots;
    private readonly int[] _oddRound;
    private readonly int[] _candidates;
    private readonly int[] _candidateLengths;
    private int _candidateCount;
    private int _grownEdgeCount;
    private int _oddCount;
    private int _round;

    /// <summary>Scratch for growth on <paramref name="graph"/>, fusing into <paramref name="clusters"/>.</summary>
    public ClusterGrowth(UnionFindGraph graph, ClusterSet clusters)
    {
        _graph = graph;
        _clusters = clusters;
        _growth = new int[graph.NumEdges];
        _grownEdges = new int[graph.NumEdges];
        _fusions = new int[graph.NumEdges];
        _oddRoots = new int[graph.NumDetectors];
        _oddRound = new int[graph.NumDetectors];
        // An edge is a candidate at most once per odd cluster at its ends, so at most twice a round.
        _candidates = new int[graph.Adjacency.Length];
        _candidateLengths = new int[graph.Adjacency.Length];
    }

    /// <summary>Undoes the growth of the last shot; call before <see cref="ClusterSet.Reset"/> (it reads the members).</summary>
    public void Reset()
    {
        for (int i = 0; i < _grownEdgeCount; i++)
        {
            _growth[_grownEdges[i]] = 0;
        }
        foreach (int root in _clusters.Defects)
        {
            _oddRound[root] = 0; // only roots are stamped, and roots are defects
        }
        _grownEdgeCount = 0;
        _oddCount = 0;
        _round = 1;
    }

    /// <summary>Registers a one-node cluster just created at a detection event.</summary>
    public void AddSeed(int node)
    {
        _oddRound[node] = _round;
        _oddRoots[_oddCount++] = node;
    }

    /// <summary>
    /// Grows until every cluster is even or neutral. Throws <see cref="ArgumentException"/> when an
    /// odd cluster has swallowed its whole connected component and has no boundary: no correction
    /// can explain such detection events.
    /// </summary>
    public void Run()
    {
        while (_oddCount > 0)
        {
            int step = ScanFrontier();
            int fusionCount = Grow(step);
            Fuse(fusionCount);
            CollectOddRoots();
        }
    }

    /// <summary>
    /// Collects the edges that leave odd clusters (once per odd side) into the candidate list and
    /// returns the least growth that completes one of them; prunes frontier nodes with nothing left to grow.
    /// </summary>
    private int ScanFrontier()
    {
        _candidateCount = 0;
        var start = _graph.AdjacencyStart;
        var adjacency = _graph.Adjacency;
        int step = int.MaxValue;
        for (int i = 0; i < _oddCount; i++)
        {
            int root = _oddRoots[i];
            int previous = -1;
            int node = _clusters.FrontierHead(root);
            while (node >= 0)
            {
                int next = _clusters.FrontierNext(node);
                bool alive = false;
                for (int k = start[node], end = start[node + 1]; k < end; k++)
                {
                    var half = adjacency[k];
                    int grown = _growth[half.Edge];
                    int remaining = half.Length - grown;
                    if (remaining <= 0)
                    {
                        continue;
                    }
                    int rate = 1;
                    if (half.Node >= 0)
                    {
                        int otherRoot = _clusters.RootOrNone(half.Node);
                        if (otherRoot == root)
                        {
                            // Internal: both ends are already connected, growing it changes nothing.
                            // Saturating it spares the root lookup on every later visit.
                            MarkGrown(half.Edge, grown, half.Length);
                            continue;
                        }
                        if (otherRoot >= 0 && _oddRound[otherRoot] == _round)
                        {
                            rate = 2;
                        }
                    }
                    alive = true;
                    _candidates[_candidateCount] = half.Edge;
                    _candidateLengths[_candidateCount++] = half.Length;
                    int need = rate == 1 ? remaining : (remaining + 1) >> 1;
                    if (need < step)
                    {
                        step = need;
                    }
                }
                if (alive)
                {
                    previous = node;
                }
                else
                {
                    _clusters.RemoveFrontier(root, previous, node);
                }
                node = next;
            }
            if (_clusters.FrontierHead(root) < 0)
            {
                throw new ArgumentException(
                    $"the detection events have odd parity in a part of the matching graph that has no boundary " +
                    $"(the part containing detector {root}): no set of errors explains them");
            }
        }
        return step;
    }

    /// <summary>
    /// Adds <paramref name="step"/> to every candidate edge (twice to an edge between two odd
    /// clusters: it grows from both ends); returns how many edges became fully grown.
    /// </summary>
    private int Grow(int step)
    {
        int fusionCount = 0;
        for (int i = 0; i < _candidateCount; i++)
        {
            int edge = _candidates[i], length = _candidateLengths[i];
            int grown = _growth[edge];
            if (grown >= length)
            {
                continue; // completed by its other end earlier in this loop
            }
            MarkGrown(edge, grown, grown + step);
            if (grown + step >= length)
            {
                _fusions[fusionCount++] = edge;
            }
        }
        return fusionCount;
    }

    /// <summary>Sets an edge's growth from <paramref name="grown"/> to <paramref name="value"/>, remembering it for the reset.</summary>
    private void MarkGrown(int edge, int grown, int value)
    {
        if (grown == 0)
        {
            _grownEdges[_grownEdgeCount++] = edge;
        }
        _growth[edge] = value;
    }

    /// <summary>Applies the fully grown edges of a round (Delfosse &amp; Nickerson: fusion by union-find).</summary>
    private void Fuse(int fusionCount)
    {
        var edgeA = _graph.EdgeA;
        var edgeB = _graph.EdgeB;
        for (int i = 0; i < fusionCount; i++)
        {
            int edge = _fusions[i];
            int a = edgeA[edge], b = edgeB[edge];
            if (b < 0)
            {
                // Only a cluster grows an edge, so the detector end of a boundary edge is in one.
                _clusters.TouchBoundary(_clusters.Find(a), edge);
                continue;
            }
            int rootA = _clusters.RootOrNone(a), rootB = _clusters.RootOrNone(b);
            if (rootA < 0)
            {
                _clusters.Join(a, rootB, edge);
            }
            else if (rootB < 0)
            {
                _clusters.Join(b, rootA, edge);
            }
            else if (rootA != rootB)
            {
                _clusters.Union(rootA, rootB, edge);
            }
        }
    }

    /// <summary>The distinct roots of the clusters that are still odd; only a cluster that was odd can be odd now.</summary>
    private void CollectOddRoots()
    {
        int previousCount = _oddCount;
        _oddCount = 0;
        _round++;
        for (int i = 0; i < previousCount; i++)
        {
            int root = _clusters.Find(_oddRoots[i]);
            if (_oddRound[root] != _round && _clusters.IsOdd(root))
            {
                _oddRound[root] = _round;
                _oddRoots[_oddCount++] = root;
            }
        }
    }
}

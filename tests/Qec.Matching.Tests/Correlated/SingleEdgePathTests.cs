using Qec.Core.Dem;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm.Driver;
using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Tests.Mwpm;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Correlated;

/// <summary>
/// The edges flagged as their ends' only shortest path (correlated pass one takes them as the path
/// without a search): against every simple path of small random graphs, and against the path search
/// itself on every edge of the reference circuit-level graphs.
/// </summary>
public sealed class SingleEdgePathTests
{
    [Theory]
    [InlineData(31, 7, 1, 9)]
    [InlineData(32, 8, 1, 3)] // many equal-length paths
    [InlineData(33, 6, 1, 2)]
    public void FlagsEqualExhaustivePathEnumeration(int seed, int nodes, int minW, int maxW)
    {
        var rng = new Random(seed);
        int flagged = 0, unflagged = 0;
        for (int t = 0; t < 150; t++)
        {
            var g = RandomGraph.Make(rng, nodes, 2, 0.5, minW, maxW, 6);
            var graph = g.ToUserGraph().ToFloodGraph();
            var paths = SingleEdgePaths.Build(graph);
            for (int u = 0; u < nodes; u++)
            {
                for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
                {
                    int v = graph.Slots[s].Node;
                    bool expected = IsOnlyShortestPath(graph, u, v, graph.Slots[s].Weight);
                    Assert.True(expected == (paths.OnlyShortestPathSlot(u, v) == s),
                        $"seed {seed} graph {t}: edge {u}–{(v < 0 ? "boundary" : v)} only shortest path: expected {expected}");
                    (expected ? ref flagged : ref unflagged)++;
                }
            }
        }
        Assert.True(flagged > 50 && unflagged > 50, $"flagged {flagged}, unflagged {unflagged}");
    }

    [Fact]
    public void ZeroWeightEdgesFlagNothing()
    {
        var ug = new UserGraph(3, 1);
        ug.AddOrMergeEdge(0, 1, 0.0, [0UL]);
        ug.AddOrMergeEdge(1, 2, 3.0, [1UL]);
        ug.AddOrMergeEdge(2, -1, 2.0, [0UL]);
        var graph = ug.ToFloodGraph();
        var paths = SingleEdgePaths.Build(graph);
        Assert.Equal(-1, paths.OnlyShortestPathSlot(1, 2));
        Assert.Equal(-1, paths.OnlyShortestPathSlot(2, -1));
    }

    /// <summary>Every flagged edge of a circuit-level graph is exactly the path the search returns, from either end.</summary>
    [Theory]
    [InlineData("sc_rmz_d03_r03_p0.003")]
    [InlineData("sc_rmz_d05_r05_p0.007")]
    public void FlaggedEdgesAreWhatThePathSearchReturns(string name)
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(Path.Combine("matching", name + ".dem"))).Flatten();
        var graph = UserGraph.FromDem(model).ToFloodGraph();
        var paths = SingleEdgePaths.Build(graph);
        var search = new PathSearch(graph);
        var found = new ScratchList<int>();
        int flagged = 0;
        for (int u = 0; u < graph.NumNodes; u++)
        {
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                int v = graph.Slots[s].Node;
                if (paths.OnlyShortestPathSlot(u, v) != s)
                {
                    continue;
                }
                flagged++;
                foreach (var (from, to) in v < 0 ? [(u, -1)] : new[] { (u, v), (v, u) })
                {
                    found.Clear();
                    search.AppendShortestPath(from, to, found);
                    Assert.True(found.Count == 1 && ImpliedWeightTable.Canonical(graph, found[0]) == ImpliedWeightTable.Canonical(graph, s),
                        $"{name}: edge {u}–{v} is flagged, but the search from {from} to {to} returned slots [{string.Join(",", found.AsSpan().ToArray())}]");
                }
            }
        }
        Assert.True(flagged > graph.Slots.Length / 4, $"{name}: only {flagged} of {graph.Slots.Length} slots flagged");
    }

    /// <summary>
    /// The only state one search leaves for the next is the kind of its target (boundary or not):
    /// after a real search and after <see cref="PathSearch.SkipSearch"/> towards the same kind of
    /// target, every following search returns the same path, ties included.
    /// </summary>
    [Fact]
    public void SkippedSearchLeavesTheStateTheSearchWouldHave()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(Path.Combine("matching", "sc_rmz_d05_r05_p0.007.dem"))).Flatten();
        var graph = UserGraph.FromDem(model).ToFloodGraph();
        var searched = new PathSearch(graph);
        var skipped = new PathSearch(graph);
        var a = new ScratchList<int>();
        var b = new ScratchList<int>();
        var rng = new Random(7);
        int differ = 0;
        for (int k = 0; k < 3000; k++)
        {
            int from = rng.Next(graph.NumNodes);
            int to = rng.Next(3) == 0 ? -1 : rng.Next(graph.NumNodes);
            if (to == from)
            {
                continue;
            }
            // A previous search of the other kind, run on one and skipped on the other.
            int prevFrom = rng.Next(graph.NumNodes);
            int prevTo = to < 0 ? graph.Slots[graph.Start[prevFrom + 1] - 1].Node : -1;
            a.Clear();
            TrySearch(searched, prevFrom, prevTo, a);
            skipped.SkipSearch(prevTo);
            a.Clear();
            b.Clear();
            if (!TrySearch(searched, from, to, a) | !TrySearch(skipped, from, to, b))
            {
                continue; // no path (both throw, and both keep the same target kind)
            }
            Assert.Equal(a.AsSpan().ToArray(), b.AsSpan().ToArray());
            // Without the skip, the next search may take another equal-length path (this is what the test guards).
            differ += PathAfterBoundary(graph, from, to) ? 1 : 0;
        }
        Assert.True(differ > 0, "no tie depends on the previous target kind: the test would not catch a missing skip");
    }

    private static bool TrySearch(PathSearch search, int from, int to, ScratchList<int> path)
    {
        try
        {
            search.AppendShortestPath(from, to, path);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when a search after a boundary search returns another path than one on a fresh search.</summary>
    private static bool PathAfterBoundary(FloodGraph graph, int from, int to)
    {
        var fresh = new PathSearch(graph);
        var afterBoundary = new PathSearch(graph);
        var a = new ScratchList<int>();
        var b = new ScratchList<int>();
        afterBoundary.AppendShortestPath(0, -1, b);
        b.Clear();
        TrySearch(fresh, from, to, a);
        TrySearch(afterBoundary, from, to, b);
        return !a.AsSpan().SequenceEqual(b.AsSpan());
    }

    /// <summary>
    /// Correlated decoding with and without the single-edge paths gives the same weight and prediction
    /// on every shot (committed samples; the ../shared reference at d = 11 when present, where a
    /// skipped boundary search once changed a later tie).
    /// </summary>
    [Theory]
    [InlineData("sc_rmz_d03_r03_p0.003")]
    [InlineData("sc_rmz_d05_r05_p0.007")]
    [InlineData("sc_rmz_d11_r11_p0.005")]
    public void DecodingIsUnchangedOnEveryShot(string name)
    {
        ReferenceCase c;
        if (name.Contains("d11", StringComparison.Ordinal))
        {
            if (TestPaths.Reference is not { } root || !File.Exists(Path.Combine(root, "dems", name + ".dem")))
            {
                return; // ../shared/reference is absent
            }
            c = ReferenceCase.Load(root, name);
        }
        else
        {
            c = ReferenceCase.Load(TestPaths.Data("matching"), name, flatLayout: true);
        }
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(c.Dem);
        var with = compiled.CreateDecoder(useShortestPathTable: false, useSingleEdgePaths: true);
        var without = compiled.CreateDecoder(useShortestPathTable: false, useSingleEdgePaths: false);
        var withTable = compiled.CreateDecoder(useShortestPathTable: true, useSingleEdgePaths: true);
        var withTableOnly = compiled.CreateDecoder(useShortestPathTable: true, useSingleEdgePaths: false);
        var o1 = new byte[1];
        var o2 = new byte[1];
        for (int s = 0; s < c.Shots; s++)
        {
            var shot = c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes);
            long w1 = with.DecodeToIntegerWeight(shot, o1);
            long w2 = without.DecodeToIntegerWeight(shot, o2);
            Assert.True(w1 == w2 && o1[0] == o2[0], $"{name} shot {s}: with single-edge paths {w1}/{o1[0]}, without {w2}/{o2[0]}");
            w1 = withTable.DecodeToIntegerWeight(shot, o1);
            w2 = withTableOnly.DecodeToIntegerWeight(shot, o2);
            Assert.True(w1 == w2 && o1[0] == o2[0], $"{name} shot {s} (table): with single-edge paths {w1}/{o1[0]}, without {w2}/{o2[0]}");
        }
    }

    /// <summary>True when the edge u–v (v = −1: u's boundary edge) of weight w is the only path of length ≤ w between its ends.</summary>
    private static bool IsOnlyShortestPath(FloodGraph graph, int u, int v, int w)
    {
        int atMostW = 0;
        var onPath = new bool[graph.NumNodes];
        void Walk(int x, long length)
        {
            if (length > w)
            {
                return;
            }
            onPath[x] = true;
            for (int s = graph.Start[x]; s < graph.Start[x + 1]; s++)
            {
                int y = graph.Slots[s].Node;
                long l = length + graph.Slots[s].Weight;
                if (y == v)
                {
                    atMostW += l <= w ? 1 : 0;
                }
                else if (y >= 0 && !onPath[y])
                {
                    Walk(y, l);
                }
            }
            onPath[x] = false;
        }
        Walk(u, 0);
        return atMostW == 1;
    }
}

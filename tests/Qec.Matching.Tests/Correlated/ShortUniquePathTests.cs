using Qec.Core.Dem;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm.Driver;
using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Tests.Mwpm;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Correlated;

/// <summary>
/// The pairs whose only shortest path has one or two edges (correlated pass one takes that path
/// without a search): against every simple path of small random graphs, and against the path search
/// itself on every such pair of the committed circuit-level graphs.
/// </summary>
public sealed class ShortUniquePathTests
{
    [Theory]
    [InlineData(31, 7, 1, 9)]
    [InlineData(32, 8, 1, 3)] // many equal-length paths
    [InlineData(33, 6, 1, 2)]
    public void PathsEqualExhaustiveEnumeration(int seed, int nodes, int minW, int maxW)
    {
        var rng = new Random(seed);
        int[] found = new int[3];
        int declined = 0;
        var path = new ScratchList<int>();
        for (int t = 0; t < 150; t++)
        {
            var g = RandomGraph.Make(rng, nodes, 2, 0.5, minW, maxW, 6);
            var graph = g.ToUserGraph().ToFloodGraph();
            var paths = ShortUniquePaths.Build(graph);
            for (int u = 0; u < nodes; u++)
            {
                for (int v = -1; v < nodes; v++)
                {
                    if (v == u)
                    {
                        continue;
                    }
                    var expected = OnlyShortestPath(graph, u, v);
                    path.Clear();
                    bool ok = paths.TryAppendPath(u, v, path);
                    string where = $"seed {seed} graph {t}: {u} to {(v < 0 ? "boundary" : v)}";
                    if (expected is null || expected.Count > 2)
                    {
                        Assert.False(ok, $"{where}: answered [{string.Join(",", path.AsSpan().ToArray())}] but the only shortest path is {(expected is null ? "not unique" : $"{expected.Count} edges")}");
                        Assert.Equal(0, path.Count);
                        declined++;
                        continue;
                    }
                    Assert.True(ok, $"{where}: declined, but the only shortest path has {expected.Count} edges");
                    Assert.True(Edges(graph, expected).SetEquals(Edges(graph, path.AsSpan().ToArray())),
                        $"{where}: [{string.Join(",", path.AsSpan().ToArray())}], but the only shortest path is [{string.Join(",", expected)}]");
                    found[expected.Count]++;
                }
            }
        }
        Assert.True(found[1] > 50 && found[2] > 50 && declined > 50, $"one edge {found[1]}, two {found[2]}, declined {declined}");
    }

    [Fact]
    public void ZeroWeightEdgesGiveNoPaths()
    {
        var ug = new UserGraph(3, 1);
        ug.AddOrMergeEdge(0, 1, 0.0, [0UL]);
        ug.AddOrMergeEdge(1, 2, 3.0, [1UL]);
        ug.AddOrMergeEdge(2, -1, 2.0, [0UL]);
        var paths = ShortUniquePaths.Build(ug.ToFloodGraph());
        var path = new ScratchList<int>();
        Assert.False(paths.TryAppendPath(1, 2, path));
        Assert.False(paths.TryAppendPath(2, -1, path));
        Assert.False(paths.TryAppendPath(1, -1, path));
    }

    /// <summary>Every short unique path of a circuit-level graph is exactly the path the search returns, from either end.</summary>
    [Theory]
    [InlineData("sc_rmz_d03_r03_p0.003")]
    [InlineData("sc_rmz_d05_r05_p0.007")]
    public void PathsAreWhatThePathSearchReturns(string name)
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(Path.Combine("matching", name + ".dem"))).Flatten();
        var graph = UserGraph.FromDem(model).ToFloodGraph();
        var paths = ShortUniquePaths.Build(graph);
        var search = new PathSearch(graph);
        var path = new ScratchList<int>();
        var searched = new ScratchList<int>();
        int[] found = new int[3];
        for (int u = 0; u < graph.NumNodes; u++)
        {
            // Every end within two edges of u, and the boundary.
            var ends = new HashSet<int> { -1 };
            for (int s = graph.Start[u]; s < graph.Start[u + 1]; s++)
            {
                int x = graph.Slots[s].Node;
                ends.Add(x);
                for (int s2 = x < 0 ? 0 : graph.Start[x]; x >= 0 && s2 < graph.Start[x + 1]; s2++)
                {
                    ends.Add(graph.Slots[s2].Node);
                }
            }
            ends.Remove(u);
            foreach (int v in ends)
            {
                path.Clear();
                if (!paths.TryAppendPath(u, v, path))
                {
                    continue;
                }
                found[path.Count]++;
                foreach (var (from, to) in v < 0 ? [(u, -1)] : new[] { (u, v), (v, u) })
                {
                    searched.Clear();
                    search.AppendShortestPath(from, to, searched);
                    Assert.True(Edges(graph, path.AsSpan().ToArray()).SetEquals(Edges(graph, searched.AsSpan().ToArray())),
                        $"{name}: {u} to {v}: [{string.Join(",", path.AsSpan().ToArray())}], but the search from {from} to {to} returned [{string.Join(",", searched.AsSpan().ToArray())}]");
                }
            }
        }
        Assert.True(found[1] > graph.Slots.Length / 4 && found[2] > graph.NumNodes, $"{name}: {found[1]} one-edge and {found[2]} two-edge paths");
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

    /// <summary>After <see cref="PathSearch.ResetHistory"/>, a search returns what a fresh instance's first search returns.</summary>
    [Fact]
    public void ResetHistoryForgetsThePreviousSearch()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(Path.Combine("matching", "sc_rmz_d05_r05_p0.007.dem"))).Flatten();
        var graph = UserGraph.FromDem(model).ToFloodGraph();
        var used = new PathSearch(graph);
        var a = new ScratchList<int>();
        var b = new ScratchList<int>();
        var rng = new Random(8);
        int dependent = 0;
        for (int k = 0; k < 3000; k++)
        {
            int from = rng.Next(graph.NumNodes), to = rng.Next(graph.NumNodes);
            if (from == to)
            {
                continue;
            }
            a.Clear();
            TrySearch(used, rng.Next(graph.NumNodes), -1, a); // leaves the boundary kind
            used.ResetHistory();
            a.Clear();
            b.Clear();
            TrySearch(used, from, to, a);
            TrySearch(new PathSearch(graph), from, to, b);
            Assert.Equal(b.AsSpan().ToArray(), a.AsSpan().ToArray());
            dependent += PathAfterBoundary(graph, from, to) ? 1 : 0;
        }
        Assert.True(dependent > 0, "no search here depends on the previous one: the test would not catch a missing reset");
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
    /// Correlated decoding with and without the short unique paths gives the same weight and prediction
    /// on every shot (committed samples; the ../shared reference at d = 11 when present, where a
    /// skipped boundary search once changed a later tie).
    /// </summary>
    [Theory]
    [InlineData("sc_rmz_d03_r03_p0.003")]
    [InlineData("sc_rmz_d05_r05_p0.007")]
    [InlineData("sc_rmz_d11_r11_p0.005")]
    public void DecodingIsUnchangedOnEveryShot(string name)
    {
        if (LoadCase(name) is not { } c)
        {
            return; // ../shared/reference is absent
        }
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(c.Dem);
        var with = compiled.CreateDecoder(useShortestPathTable: false, useShortPaths: true);
        var without = compiled.CreateDecoder(useShortestPathTable: false, useShortPaths: false);
        var withTable = compiled.CreateDecoder(useShortestPathTable: true, useShortPaths: true);
        var withTableOnly = compiled.CreateDecoder(useShortestPathTable: true, useShortPaths: false);
        var o1 = new byte[1];
        var o2 = new byte[1];
        for (int s = 0; s < c.Shots; s++)
        {
            var shot = c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes);
            long w1 = with.DecodeToIntegerWeight(shot, o1);
            long w2 = without.DecodeToIntegerWeight(shot, o2);
            Assert.True(w1 == w2 && o1[0] == o2[0], $"{name} shot {s}: with short unique paths {w1}/{o1[0]}, without {w2}/{o2[0]}");
            w1 = withTable.DecodeToIntegerWeight(shot, o1);
            w2 = withTableOnly.DecodeToIntegerWeight(shot, o2);
            Assert.True(w1 == w2 && o1[0] == o2[0], $"{name} shot {s} (table): with short unique paths {w1}/{o1[0]}, without {w2}/{o2[0]}");
        }
    }

    /// <summary>
    /// A shot's correlated answer does not depend on the shots its decoder decoded before (the path
    /// search's history is reset per shot), so parallel windows and sessions give the same answers
    /// whichever shots a decoder instance saw: every shot decoded in reverse order by a second
    /// decoder equals the forward decode. (On these shots even the previous shot's last search kind never
    /// decides a tie, so this guards the property rather than the reset itself; the reset is tested above.)
    /// </summary>
    [Theory]
    [InlineData("sc_rmz_d05_r05_p0.007")]
    [InlineData("sc_rmz_d11_r11_p0.005")]
    public void AShotsAnswerDoesNotDependOnEarlierShots(string name)
    {
        if (LoadCase(name) is not { } c)
        {
            return; // ../shared/reference is absent
        }
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(c.Dem);
        var forward = compiled.CreateDecoder();
        var backward = compiled.CreateDecoder();
        int shots = Math.Min(c.Shots, 2000);
        var weights = new long[shots];
        var masks = new byte[shots];
        var o = new byte[1];
        for (int s = 0; s < shots; s++)
        {
            weights[s] = forward.DecodeToIntegerWeight(c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes), o);
            masks[s] = o[0];
        }
        for (int s = shots - 1; s >= 0; s--)
        {
            long w = backward.DecodeToIntegerWeight(c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes), o);
            Assert.True(w == weights[s] && o[0] == masks[s], $"{name} shot {s}: forward {weights[s]}/{masks[s]}, reverse order {w}/{o[0]}");
        }
    }

    /// <summary>A committed sample (tests/data/matching), or a case of ../shared/reference for d = 11 (null when absent).</summary>
    private static ReferenceCase? LoadCase(string name)
    {
        if (!name.Contains("d11", StringComparison.Ordinal))
        {
            return ReferenceCase.Load(TestPaths.Data("matching"), name, flatLayout: true);
        }
        return TestPaths.Reference is { } root && File.Exists(Path.Combine(root, "dems", name + ".dem"))
            ? ReferenceCase.Load(root, name)
            : null;
    }

    /// <summary>The edges (canonical slots) of a path.</summary>
    private static HashSet<int> Edges(FloodGraph graph, IEnumerable<int> slots) =>
        slots.Select(s => ImpliedWeightTable.Canonical(graph, s)).ToHashSet();

    /// <summary>
    /// The slots of the only shortest simple path from u to v (v = −1: to the boundary, through any
    /// node's boundary edge), by enumerating every simple path; null when several are shortest or none exists.
    /// </summary>
    private static List<int>? OnlyShortestPath(FloodGraph graph, int u, int v)
    {
        long best = long.MaxValue;
        int count = 0;
        List<int>? bestPath = null;
        var onPath = new bool[graph.NumNodes];
        var slots = new List<int>();
        void Walk(int x, long length)
        {
            onPath[x] = true;
            for (int s = graph.Start[x]; s < graph.Start[x + 1]; s++)
            {
                int y = graph.Slots[s].Node;
                long l = length + graph.Slots[s].Weight;
                slots.Add(s);
                if (y == v)
                {
                    if (l < best)
                    {
                        (best, count, bestPath) = (l, 1, [.. slots]);
                    }
                    else if (l == best)
                    {
                        count++;
                    }
                }
                else if (y >= 0 && !onPath[y])
                {
                    Walk(y, l);
                }
                slots.RemoveAt(slots.Count - 1);
            }
            onPath[x] = false;
        }
        Walk(u, 0);
        return count == 1 ? bestPath : null;
    }
}

using Qec.Core.Dem;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm;
using Qec.Matching.Mwpm.Driver;
using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Mwpm.SmallShots;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>
/// The small-shot path (shortest-path table, clusters, subset dynamic program) against independent
/// oracles: when it answers, its weight is the exhaustive minimum over all edge subsets and its mask
/// is the only optimal one; whenever two optimal masks exist it must decline. And a decoder with the
/// table gives exactly sparse blossom's weight and mask on every shot (ties included).
/// </summary>
public sealed class SmallShotTests
{
    private static FloodGraph Flood(RandomGraph g) => g.ToUserGraph().ToFloodGraph();

    /// <summary>Seeds × shapes: nodes, boundary rate, weight range (small ranges: many ties), instances.</summary>
    [Theory]
    [InlineData(21, 8, 0.5, 1, 9, 300)]
    [InlineData(22, 10, 0.3, 1, 3, 300)] // heavy degeneracy: many optimal masks
    [InlineData(23, 9, 0.0, 1, 5, 200)] // no boundary: odd components have no matching
    [InlineData(24, 12, 0.8, 1, 2, 200)]
    public void AnswersOnlyWithTheUniqueOptimalMask(int seed, int nodes, double boundaryRate, int minW, int maxW, int instances)
    {
        var rng = new Random(seed);
        int answered = 0, declinedTies = 0;
        for (int t = 0; t < instances; t++)
        {
            var g = RandomGraph.Make(rng, nodes, 1 + rng.Next(8), boundaryRate, minW, maxW, 5);
            while (g.Edges.Count > 14)
            {
                g.Edges.RemoveAt(g.Edges.Count - 1);
            }
            var table = ShortestPathTable.TryBuild(Flood(g));
            Assert.NotNull(table);
            var matcher = new SmallShotMatcher(table);
            for (int shot = 0; shot < 4; shot++)
            {
                var events = RandomGraph.Events(rng, nodes, nodes);
                var (expected, masks) = MatchingOracle.Exhaustive(g, events);
                bool ok = matcher.TryMatch(events, null, out long weight, out ulong mask);
                string where = $"seed {seed} instance {t} shot {shot} events [{string.Join(",", events)}]";
                if (masks.Count > 1)
                {
                    Assert.False(ok, $"{where}: answered {mask} although {masks.Count} masks are optimal");
                    declinedTies++;
                }
                if (!ok)
                {
                    continue;
                }
                Assert.True(expected < MatchingOracle.Infinity, $"{where}: answered although no matching exists");
                Assert.True(weight == expected, $"{where}: weight_int {weight}, exhaustive minimum {expected}");
                Assert.Equal([mask.ToString()], masks);
                answered++;
            }
        }
        Assert.True(answered > instances / 2, $"only {answered} shots answered");
        Assert.True(declinedTies > 0 || minW == maxW, "no tie was met: the test does not exercise the ambiguity rule");
    }

    /// <summary>
    /// Larger random graphs (negative weights included, handled by toggling before the table is
    /// consulted), shots up to <see cref="SmallShotMatcher.MaxEvents"/> + 4 events: a decoder with the
    /// table equals sparse blossom alone in weight and mask on every shot, and (graphs without negative
    /// weights) in the match list that sliding windows and correlated matching read.
    /// </summary>
    [Theory]
    [InlineData(31, 30, 0.3, 1, 20, 40, 60)]
    [InlineData(32, 60, 0.2, 1, 4, 80, 40)] // ties
    [InlineData(33, 24, 0.5, -5, 12, 20, 60)] // negative weights
    [InlineData(34, 120, 0.1, 1, 100, 200, 20)]
    public void DecoderWithTableEqualsSparseBlossomAlone(int seed, int nodes, double boundaryRate, int minW, int maxW,
        int chords, int instances)
    {
        var rng = new Random(seed);
        int answered = 0, answeredWithMatches = 0, shots = 0;
        var matchesWith = new ScratchList<MwpmMatch>();
        var matchesAlone = new ScratchList<MwpmMatch>();
        for (int t = 0; t < instances; t++)
        {
            var g = RandomGraph.Make(rng, nodes, 1 + rng.Next(64), boundaryRate, minW, maxW, chords);
            g.Edges.RemoveAll(e => e.W == 0);
            var flood = Flood(g);
            var table = ShortestPathTable.TryBuild(flood);
            Assert.NotNull(table);
            var withTable = new SparseBlossomEngine(flood, table);
            var alone = new SparseBlossomEngine(flood);
            var matcher = new SmallShotMatcher(table);
            var maskWith = new ulong[1];
            var maskAlone = new ulong[1];
            for (int shot = 0; shot < 10; shot++)
            {
                var events = RandomGraph.Events(rng, nodes, SmallShotMatcher.MaxEvents + 4);
                long expected;
                try
                {
                    expected = alone.DecodeEvents(events, maskAlone);
                }
                catch (InvalidOperationException)
                {
                    Assert.Throws<InvalidOperationException>(() => withTable.DecodeEvents(events, maskWith));
                    continue;
                }
                long got = withTable.DecodeEvents(events, maskWith);
                string where = $"seed {seed} instance {t} shot {shot} events [{string.Join(",", events)}]";
                Assert.True(expected == got, $"{where}: weight {got}, sparse blossom {expected}");
                Assert.True(maskAlone[0] == maskWith[0], $"{where}: mask {maskWith[0]}, sparse blossom {maskAlone[0]}");
                shots++;
                if (flood.NegativeWeightDetectors.Length != 0)
                {
                    continue;
                }
                answered += matcher.TryMatch(events, null, out _, out _) ? 1 : 0;
                answeredWithMatches += matcher.TryMatch(events, matchesWith, out _, out _) ? 1 : 0;
                Assert.Equal(alone.DecodeEventsWithMatches(events, maskAlone, matchesAlone),
                    withTable.DecodeEventsWithMatches(events, maskWith, matchesWith));
                Assert.True(Pairs(matchesAlone).SequenceEqual(Pairs(matchesWith)),
                    $"{where}: matches {string.Join(" ", Pairs(matchesWith))}, sparse blossom {string.Join(" ", Pairs(matchesAlone))}");
            }
        }
        Assert.True(shots > instances, $"only {shots} decodable shots");
        Assert.True(answered > 0 || minW < 0, "the table answered no shot: the test does not exercise it");
        Assert.True(answeredWithMatches > 0 || minW < 0, "the table listed no matches: the test does not exercise it");
    }

    /// <summary>
    /// Correlated matching reads pass one's match list and searches each pair's path from one end, so a
    /// pass one answered by the table must change nothing: weights and predictions with and without the
    /// table are equal on every shot of the committed samples and the d = 3, 5 reference cases.
    /// </summary>
    [Theory]
    [InlineData("sc_rmz_d03_r03_p0.003", true)]
    [InlineData("sc_rmz_d05_r05_p0.007", true)]
    [InlineData("sc_rmz_d03_r03_p0.005", false)]
    [InlineData("sc_rmz_d05_r05_p0.001", false)]
    [InlineData("sc_rmz_d05_r05_p0.003", false)]
    [InlineData("sc_rmz_d05_r05_p0.005", false)]
    [InlineData("rep_mem_d05_r05_p0.01", false)]
    public void CorrelatedDecodingIsUnchangedByTheTable(string name, bool committed)
    {
        string? root = committed ? TestPaths.Data("matching") : TestPaths.Reference;
        if (root is null)
        {
            return;
        }
        var c = ReferenceCase.Load(root, name, flatLayout: committed);
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(c.Dem);
        var withTable = compiled.CreateDecoder(useShortestPathTable: true);
        var alone = compiled.CreateDecoder(useShortestPathTable: false);
        var a = new byte[1];
        var b = new byte[1];
        int shots = Math.Min(c.Shots, 5000);
        for (int s = 0; s < shots; s++)
        {
            var dets = c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes);
            Assert.Equal(alone.DecodeToIntegerWeight(dets, a), withTable.DecodeToIntegerWeight(dets, b));
            Assert.True(a[0] == b[0], $"{name} shot {s}: prediction {b[0]} with the table, {a[0]} without");
        }
    }

    /// <summary>A match list in a canonical order: (lower detector, other or −1, mask), sorted.</summary>
    private static IEnumerable<(int, int, ulong)> Pairs(ScratchList<MwpmMatch> matches) => matches.AsSpan().ToArray()
        .Select(m => m.B < 0 ? (m.A, -1, m.Observables) : (Math.Min(m.A, m.B), Math.Max(m.A, m.B), m.Observables))
        .Order();

    [Fact]
    public void TableIsBuiltOnlyWhereItApplies()
    {
        var chain = new RandomGraph(3, 1, [(0, 1, 5, [1UL]), (1, 2, 7, [0UL]), (0, -1, 3, [0UL])]);
        Assert.NotNull(ShortestPathTable.TryBuild(Flood(chain)));
        var zero = new RandomGraph(3, 1, [(0, 1, 0, [1UL]), (1, 2, 7, [0UL]), (0, -1, 3, [0UL])]);
        Assert.Null(ShortestPathTable.TryBuild(Flood(zero)));
        var wide = new RandomGraph(3, 65, [(0, 1, 5, [1UL, 1UL]), (1, 2, 7, [0UL, 0UL]), (0, -1, 3, [0UL, 0UL])]);
        Assert.Null(ShortestPathTable.TryBuild(Flood(wide)));
        int n = ShortestPathTable.MaxNodes + 1;
        var edges = Enumerable.Range(0, n - 1).Select(i => (i, i + 1, 3, new[] { 0UL })).ToList();
        edges.Add((0, -1, 3, [1UL]));
        Assert.Null(ShortestPathTable.TryBuild(Flood(new RandomGraph(n, 1, edges))));
    }

    /// <summary>
    /// On the d = 5, p = 0.1% circuit-level reference shots (weights checked against PyMatching by
    /// <see cref="ReferenceWeightTests"/>), the table answers most shots: a guard that it stays in use.
    /// </summary>
    [Fact]
    public void TableAnswersMostLowNoiseReferenceShots()
    {
        if (TestPaths.Reference is not { } root)
        {
            return;
        }
        var c = ReferenceCase.Load(root, "sc_rmz_d05_r05_p0.001");
        var flood = UserGraph.FromDem(c.Dem.Flatten()).ToFloodGraph();
        var matcher = new SmallShotMatcher(ShortestPathTable.TryBuild(flood)!);
        var events = new List<int>();
        int shots = Math.Min(c.Shots, 2000), answered = 0;
        for (int s = 0; s < shots; s++)
        {
            events.Clear();
            for (int d = 0; d < flood.NumNodes; d++)
            {
                if ((c.Dets[s * c.DetectorBytes + (d >> 3)] >> (d & 7) & 1) != 0)
                {
                    events.Add(d);
                }
            }
            if (matcher.TryMatch(events.ToArray(), null, out _, out _))
            {
                answered++;
            }
        }
        Assert.True(answered > 0.95 * shots, $"the table answered {answered} of {shots} shots");
    }
}

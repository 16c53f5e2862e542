using Qec.Matching.Mwpm;
using Qec.Matching.Mwpm.Driver;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>
/// Randomized exactness against independent oracles (fixed seeds): the integer weight must equal the
/// oracle's minimum exactly; the predicted observables must be those of some optimal edge set; the
/// decoder must throw exactly when no matching exists and keep working afterwards.
/// </summary>
public sealed class BruteForceTests
{
    internal static MwpmDecoder Build(RandomGraph g) => MwpmCompiledDecoder.FromUserGraph(g.ToUserGraph()).CreateDecoder();

    /// <summary>Seeds × graph shapes: nodes, boundary rate, weight range, chords, instances.</summary>
    [Theory]
    [InlineData(1, 8, 0.4, 1, 20, 6, 150)]
    [InlineData(2, 14, 0.3, 1, 50, 12, 150)]
    [InlineData(3, 14, 0.0, 1, 30, 14, 100)] // no boundary at all: odd components must throw
    [InlineData(4, 12, 1.0, 0, 10, 10, 100)] // zero-weight edges and many ties
    [InlineData(5, 14, 0.15, 1, 1000, 20, 100)]
    [InlineData(6, 6, 0.5, 1, 3, 4, 200)] // tiny weights: heavy degeneracy
    public void WeightEqualsAllPairsBitmaskOptimum(int seed, int nodes, double boundaryRate, int minW, int maxW,
        int chords, int instances)
    {
        var rng = new Random(seed);
        for (int t = 0; t < instances; t++)
        {
            var g = RandomGraph.Make(rng, nodes, 1 + rng.Next(64), boundaryRate, minW, maxW, chords);
            var decoder = Build(g);
            var mask = new ulong[1];
            for (int shot = 0; shot < 5; shot++)
            {
                var events = RandomGraph.Events(rng, nodes, 12);
                long expected = MatchingOracle.MinWeightByPairs(g, events);
                if (expected >= MatchingOracle.Infinity)
                {
                    Assert.Throws<InvalidOperationException>(() => decoder.DecodeEvents(events, mask));
                    continue;
                }
                long got = decoder.DecodeEvents(events, mask);
                Assert.True(expected == got,
                    $"seed {seed} instance {t} shot {shot}: weight {got}, oracle {expected}; events [{string.Join(",", events)}]");
            }
        }
    }

    /// <summary>
    /// All 2^E edge subsets (E ≤ 14): weight equals the minimum and the mask is one of the optimal
    /// masks. Includes negative weights (p &gt; 0.5 style, handled by flipping) and multi-word masks.
    /// </summary>
    [Theory]
    [InlineData(11, 7, 0.5, 1, 9, 0, 300)]
    [InlineData(12, 9, 0.3, -6, 9, 0, 300)] // negative weights
    [InlineData(13, 8, 0.4, 1, 5, 130, 200)] // 130 observables: three mask words
    [InlineData(14, 10, 0.0, -3, 6, 70, 200)] // no boundary, negative weights, two words
    public void WeightAndMaskMatchExhaustiveEdgeSubsets(int seed, int nodes, double boundaryRate, int minW, int maxW,
        int numObservables, int instances)
    {
        var rng = new Random(seed);
        int tested = 0;
        for (int t = 0; t < instances; t++)
        {
            var g = RandomGraph.Make(rng, nodes, numObservables == 0 ? 1 + rng.Next(64) : numObservables, boundaryRate,
                minW, maxW, 5);
            while (g.Edges.Count > 14)
            {
                g.Edges.RemoveAt(g.Edges.Count - 1);
            }
            var decoder = Build(g);
            var mask = new ulong[g.Words];
            for (int shot = 0; shot < 4; shot++)
            {
                var events = RandomGraph.Events(rng, nodes, nodes);
                var (expected, masks) = MatchingOracle.Exhaustive(g, events);
                if (expected >= MatchingOracle.Infinity)
                {
                    Assert.Throws<InvalidOperationException>(() => decoder.DecodeEvents(events, mask));
                    continue;
                }
                long got = decoder.DecodeEvents(events, mask);
                string where = $"seed {seed} instance {t} shot {shot} events [{string.Join(",", events)}]";
                Assert.True(expected == got, $"{where}: weight {got}, exhaustive minimum {expected}");
                Assert.True(masks.Contains(string.Join(",", mask)), $"{where}: mask {string.Join(",", mask)} is not optimal");
                tested++;
            }
        }
        Assert.True(tested > instances, $"only {tested} decodable shots");
    }

    [Fact]
    public void RepeatedDetectorCancelsLikeAParity()
    {
        var g = new RandomGraph(3, 1, [(0, 1, 5, [1UL]), (1, 2, 7, [0UL]), (0, -1, 3, [0UL])]);
        var decoder = Build(g);
        var mask = new ulong[1];
        Assert.Equal(decoder.DecodeEvents([1, 2], mask), decoder.DecodeEvents([2, 1, 0, 0], mask));
        Assert.Equal(0, decoder.DecodeEvents([1, 1], mask));
    }

    [Fact]
    public void OutOfRangeEventIsRejectedAndDecoderStillWorks()
    {
        var g = new RandomGraph(2, 1, [(0, 1, 5, [1UL]), (0, -1, 3, [0UL])]);
        var decoder = Build(g);
        var mask = new ulong[1];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => decoder.DecodeEvents([0, 2], mask));
        Assert.Contains("detection event 2", ex.Message);
        Assert.Equal(10, decoder.DecodeEvents([0, 1], mask));
        Assert.Equal(1UL, mask[0]);
    }

    [Fact]
    public void PaddingBitsInPackedShotAreRejected()
    {
        var g = new RandomGraph(3, 1, [(0, 1, 5, [1UL]), (1, 2, 7, [0UL]), (0, -1, 3, [0UL])]);
        var decoder = Build(g);
        var obs = new byte[1];
        var ex = Assert.Throws<ArgumentException>(() => decoder.Decode([0b1000], obs));
        Assert.Contains("bit 3", ex.Message);
        Assert.Equal(14, decoder.DecodeToIntegerWeight([0b0110], obs));
    }
}

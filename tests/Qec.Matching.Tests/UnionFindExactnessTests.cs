using Qec.Core.Graphs;

namespace Qec.Matching.Tests;

/// <summary>
/// Cases where union-find must find a minimum-weight correction: adjacent pairs, defects next to the
/// boundary, and every syndrome of a uniform 1-D chain (repetition code), checked against brute force
/// over all edge subsets.
/// </summary>
public sealed class UnionFindExactnessTests
{
    [Fact]
    public void AdjacentPairIsMatchedByTheEdgeBetweenThem()
    {
        var model = UnionFindTestGraphs.Chain(6, 0.01, leftBoundary: true, rightBoundary: true);
        var graph = MatchingGraph.From(model);
        var decoder = UnionFindTestGraphs.DecoderFor(model);
        var dets = new byte[] { 0b0000_1100 }; // D2, D3
        double weight = UnionFindTestGraphs.DecodeAndCheck(graph, decoder, dets, "pair");
        var correction = ((Qec.Matching.UnionFind.UnionFindDecoder)decoder).LastCorrection.ToArray();
        var edge = Assert.Single(correction);
        Assert.Equal((2, 3), (graph.Edges[edge].A, graph.Edges[edge].B));
        Assert.Equal(MatchingGraph.WeightOf(0.01), weight, 12);
    }

    [Fact]
    public void DefectNextToTheBoundaryLeavesThroughIt()
    {
        var model = UnionFindTestGraphs.Chain(5, 0.05, leftBoundary: true, rightBoundary: true);
        var graph = MatchingGraph.From(model);
        var decoder = UnionFindTestGraphs.DecoderFor(model);
        var prediction = new byte[1];
        decoder.Decode(new byte[] { 0b0000_0001 }, prediction); // D0: the left boundary edge carries L0
        var edge = Assert.Single(((Qec.Matching.UnionFind.UnionFindDecoder)decoder).LastCorrection.ToArray());
        Assert.True(graph.Edges[edge].IsBoundary);
        Assert.Equal(0, graph.Edges[edge].A);
        Assert.Equal(1, prediction[0]);
    }

    [Fact]
    public void LighterParallelPathWinsWhenWeighted()
    {
        // D0 - D1 directly (p = 1e-4, heavy) or D0 - D2 - D1 (p = 0.1 each, light): weighted growth fuses
        // the light path first; unweighted growth (resolution 1) takes the single heavy edge.
        var model = Qec.Core.Dem.DetectorErrorModel.Parse(
            "error(0.0001) D0 D1\nerror(0.1) D0 D2\nerror(0.1) D2 D1 L0\n");
        var graph = MatchingGraph.From(model);
        var dets = new byte[] { 0b011 };
        double weighted = UnionFindTestGraphs.DecodeAndCheck(graph, UnionFindTestGraphs.DecoderFor(model), dets, "weighted");
        Assert.Equal(2 * MatchingGraph.WeightOf(0.1), weighted, 12);
        double unweighted = UnionFindTestGraphs.DecodeAndCheck(graph, UnionFindTestGraphs.DecoderFor(model, 1), dets, "unweighted");
        Assert.Equal(MatchingGraph.WeightOf(0.0001), unweighted, 12);
    }

    [Theory]
    // nodes, left boundary, right boundary, resolution
    [InlineData(1, true, false, 16)]
    [InlineData(2, true, true, 16)]
    [InlineData(3, false, false, 16)]
    [InlineData(5, true, true, 16)]
    [InlineData(8, true, false, 16)]
    [InlineData(9, false, false, 3)]
    [InlineData(11, true, true, 16)]
    [InlineData(11, true, true, 1)]
    [InlineData(12, true, false, 5)]
    public void UniformChainIsDecodedWithMinimumWeightForEverySyndrome(int nodes, bool left, bool right, int resolution)
    {
        var model = UnionFindTestGraphs.Chain(nodes, 0.03, left, right);
        var graph = MatchingGraph.From(model);
        var decoder = UnionFindTestGraphs.DecoderFor(model, resolution);
        var minimum = BruteForceMinimumWeights(graph);
        foreach (var (syndrome, minWeight) in minimum)
        {
            var dets = new byte[(nodes + 7) / 8];
            for (int n = 0; n < nodes; n++)
            {
                if (((syndrome >> n) & 1) != 0)
                {
                    dets[n >> 3] |= (byte)(1 << (n & 7));
                }
            }
            double weight = UnionFindTestGraphs.DecodeAndCheck(graph, decoder, dets, $"syndrome {syndrome:b}");
            Assert.True(Math.Abs(weight - minWeight) < 1e-9, $"syndrome {Convert.ToString(syndrome, 2)}: uf weight {weight}, minimum {minWeight}");
        }
        Assert.Equal(left || right ? 1 << nodes : 1 << (nodes - 1), minimum.Count);
    }

    /// <summary>Minimum correction weight of every reachable syndrome (bit n = detector n), over all edge subsets.</summary>
    private static Dictionary<long, double> BruteForceMinimumWeights(MatchingGraph graph)
    {
        var edges = graph.Edges;
        Assert.True(edges.Length <= 20, "brute force is for tiny graphs");
        var best = new Dictionary<long, double>();
        for (long subset = 0; subset < 1L << edges.Length; subset++)
        {
            long syndrome = 0;
            double weight = 0;
            for (int e = 0; e < edges.Length; e++)
            {
                if (((subset >> e) & 1) != 0)
                {
                    syndrome ^= 1L << edges[e].A;
                    if (!edges[e].IsBoundary)
                    {
                        syndrome ^= 1L << edges[e].B;
                    }
                    weight += edges[e].Weight;
                }
            }
            if (!best.TryGetValue(syndrome, out double w) || weight < w)
            {
                best[syndrome] = weight;
            }
        }
        return best;
    }
}

using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.Matching.Tests;

/// <summary>
/// Every correction of the union-find decoder explains its syndrome exactly, on random graphs with
/// and without boundary, disconnected, with isolated detectors and with negative weights (p &gt; 0.5).
/// Syndromes come from random error sets, so a valid correction always exists.
/// </summary>
public sealed class UnionFindValidityTests
{
    [Theory]
    // seed, nodes, edges, boundary chance, p range, error chance, resolution
    [InlineData(1, 6, 8, 0.5, 0.001, 0.2, 0.3, 16)]
    [InlineData(2, 20, 40, 0.2, 0.001, 0.2, 0.15, 16)]
    [InlineData(3, 30, 25, 0.1, 0.01, 0.3, 0.2, 16)]   // sparse: several components, isolated detectors
    [InlineData(4, 25, 60, 0.0, 0.001, 0.2, 0.2, 16)]  // no boundary at all
    [InlineData(5, 25, 40, 0.3, 0.3, 0.9, 0.3, 16)]    // many edges with p > 0.5 (negative weight)
    [InlineData(6, 40, 120, 0.3, 1e-6, 0.45, 0.05, 1)] // unweighted growth
    [InlineData(7, 40, 120, 0.3, 1e-6, 0.45, 0.05, 1000)]
    [InlineData(8, 12, 30, 1.0, 0.001, 0.1, 0.5, 16)]  // every node on the boundary, dense errors
    [InlineData(9, 60, 90, 0.05, 0.001, 0.2, 0.1, 7)]
    public void CorrectionBoundaryEqualsTheDetectionEvents(int seed, int nodes, int edges, double boundaryChance,
        double pLow, double pHigh, double errorChance, int resolution)
    {
        var rng = new Random(seed);
        for (int g = 0; g < 20; g++)
        {
            DetectorErrorModel model = UnionFindTestGraphs.RandomModel(rng, nodes, edges, boundaryChance, pLow, pHigh);
            var graph = MatchingGraph.From(model);
            var decoder = UnionFindTestGraphs.DecoderFor(model, resolution);
            for (int shot = 0; shot < 50; shot++)
            {
                var errors = new List<int>();
                for (int e = 0; e < graph.Edges.Length; e++)
                {
                    if (rng.NextDouble() < errorChance)
                    {
                        errors.Add(e);
                    }
                }
                var dets = UnionFindTestGraphs.SyndromeOf(graph, errors);
                UnionFindTestGraphs.DecodeAndCheck(graph, decoder, dets, $"seed {seed} graph {g} shot {shot}");
            }
        }
    }

    [Fact]
    public void NoDetectionEventsGivesTheEmptyCorrection()
    {
        var model = UnionFindTestGraphs.RandomModel(new Random(11), 17, 30, 0.3);
        var graph = MatchingGraph.From(model);
        var decoder = UnionFindTestGraphs.DecoderFor(model);
        var prediction = new byte[] { 0xFF };
        var info = decoder.DecodeDetailed(new byte[3], prediction);
        Assert.Equal(0, info.Weight);
        Assert.True(double.IsNaN(info.SoftOutput));
        Assert.Equal(0, prediction[0]);
        Assert.Empty(((Qec.Matching.UnionFind.UnionFindDecoder)decoder).LastCorrection.ToArray());
        UnionFindTestGraphs.DecodeAndCheck(graph, decoder, new byte[3], "empty shot");
    }

    [Fact]
    public void DecoderIsReusableAfterEveryKindOfShot()
    {
        // The same instance decodes a busy shot, an empty one and a busy one again: reset must be complete.
        var rng = new Random(12);
        var model = UnionFindTestGraphs.RandomModel(rng, 30, 70, 0.2);
        var graph = MatchingGraph.From(model);
        var reused = UnionFindTestGraphs.DecoderFor(model);
        var prediction = new byte[1];
        var fresh = new byte[1];
        for (int shot = 0; shot < 300; shot++)
        {
            var errors = new List<int>();
            for (int e = 0; e < graph.Edges.Length; e++)
            {
                if (rng.NextDouble() < (shot % 3 == 1 ? 0 : 0.3))
                {
                    errors.Add(e);
                }
            }
            var dets = UnionFindTestGraphs.SyndromeOf(graph, errors);
            double w1 = reused.DecodeDetailed(dets, prediction).Weight;
            double w2 = UnionFindTestGraphs.DecoderFor(model).DecodeDetailed(dets, fresh).Weight;
            Assert.Equal(w2, w1);
            Assert.Equal(fresh[0], prediction[0]);
        }
    }

    [Fact]
    public void ManyObservablesAreWrittenBitByBit()
    {
        // 70 observables span two mask words and nine output bytes.
        var text = new System.Text.StringBuilder();
        for (int n = 0; n < 70; n++)
        {
            text.Append($"error(0.01) D{n} L{n}\n");
            if (n + 1 < 70)
            {
                text.Append($"error(0.2) D{n} D{n + 1} L{69 - n}\n");
            }
        }
        var model = DetectorErrorModel.Parse(text.ToString());
        var graph = MatchingGraph.From(model);
        var decoder = UnionFindTestGraphs.DecoderFor(model);
        Assert.Equal(9, decoder.ObservableBytes);
        var rng = new Random(13);
        for (int shot = 0; shot < 200; shot++)
        {
            var errors = new List<int>();
            for (int e = 0; e < graph.Edges.Length; e++)
            {
                if (rng.NextDouble() < 0.05)
                {
                    errors.Add(e);
                }
            }
            UnionFindTestGraphs.DecodeAndCheck(graph, decoder, UnionFindTestGraphs.SyndromeOf(graph, errors), $"shot {shot}");
        }
    }
}

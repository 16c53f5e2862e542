using Qec.Core.Dem;
using Qec.Core.Graphs;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Graphs;

public sealed class MatchingGraphTests
{
    private const double Tolerance = 1e-15;

    [Fact]
    public void ParallelEdgesMergeAsIndependentMechanisms()
    {
        var graph = MatchingGraph.From(DetectorErrorModel.Parse("""
            error(0.1) D0 D1
            error(0.2) D1 D0
            error(0.3) D0
            error(0.05) D1 D2 L0
            error(0.25) D0 ^ D2 L1
            error(0.4) D2 L1
            """));
        Assert.Equal(3, graph.NumDetectors);
        Assert.Equal(2, graph.NumObservables);
        var edges = graph.Edges.ToArray();
        Assert.Equal(4, edges.Length);

        var e01 = Assert.Single(edges, e => e is { A: 0, B: 1 });
        Assert.Equal(0.1 * 0.8 + 0.2 * 0.9, e01.Probability, Tolerance);
        Assert.Equal(Math.Log((1 - e01.Probability) / e01.Probability), e01.Weight, Tolerance);

        var e0b = Assert.Single(edges, e => e is { A: 0, IsBoundary: true });
        Assert.Equal(0.3 * 0.75 + 0.25 * 0.7, e0b.Probability, Tolerance);

        int i12 = Array.FindIndex(edges, e => e is { A: 1, B: 2 });
        Assert.Equal(1ul, graph.EdgeObservables(i12)[0]);
        int i2b = Array.FindIndex(edges, e => e is { A: 2, IsBoundary: true });
        Assert.Equal(2ul, graph.EdgeObservables(i2b)[0]);
        Assert.Equal(0.25 * 0.6 + 0.4 * 0.75, edges[i2b].Probability, Tolerance);
    }

    [Fact]
    public void AdjacencyListsEveryIncidentEdgeOnce()
    {
        var graph = MatchingGraph.From(DetectorErrorModel.Parse("error(0.1) D0 D1\nerror(0.1) D1 D2\nerror(0.1) D1\n"));
        Assert.Equal(new[] { 0 }, graph.EdgesOf(0).ToArray());
        Assert.Equal(new[] { 0, 1, 2 }, graph.EdgesOf(1).ToArray().Order());
        Assert.Equal(new[] { 1 }, graph.EdgesOf(2).ToArray());
    }

    [Fact]
    public void ManyObservablesUseSeveralWords()
    {
        var graph = MatchingGraph.From(DetectorErrorModel.Parse("error(0.1) D0 L0 L64 L130\n"));
        Assert.Equal(3, graph.ObservableWords);
        Assert.Equal(new[] { 1ul, 1ul, 4ul }, graph.EdgeObservables(0).ToArray());
    }

    [Fact]
    public void HyperedgesAreRejectedClearly()
    {
        var e = Assert.Throws<ArgumentException>(() => MatchingGraph.From(DetectorErrorModel.Parse("error(0.1) D0 D1 D2\n")));
        Assert.Contains("3 detectors", e.Message, StringComparison.Ordinal);
        Assert.Contains("error(0.1) D0 D1 D2", e.Message, StringComparison.Ordinal);
        Assert.False(MatchingGraph.IsGraphLike(DetectorErrorModel.Parse("error(0.1) D0 D1 D2\n").Flatten()));
        Assert.True(MatchingGraph.IsGraphLike(DetectorErrorModel.Parse("error(0.1) D0 D1 ^ D2\n").Flatten()));
    }

    [Fact]
    public void ReferenceSurfaceCodeGraphAgreesWithAnIndependentMerge()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data("dem/sc_rmz_d03_r03_p0.001.dem"));
        var graph = MatchingGraph.From(model);

        // Independent path: accumulate "probability of odd parity" per detector pair with a dictionary on text.
        var expected = new Dictionary<(int, int), double>();
        foreach (var line in File.ReadLines(TestPaths.Data("dem/sc_rmz_d03_r03_p0.001.dem")).Where(l => l.StartsWith("error")))
        {
            double p = double.Parse(line[(line.IndexOf('(') + 1)..line.IndexOf(')')], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var component in line[(line.IndexOf(')') + 1)..].Split('^'))
            {
                var dets = component.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t[0] == 'D').Select(t => int.Parse(t[1..])).Order().ToArray();
                var key = dets.Length == 1 ? (dets[0], -1) : (dets[0], dets[1]);
                expected[key] = expected.TryGetValue(key, out double q) ? q * (1 - p) + p * (1 - q) : p;
            }
        }
        Assert.Equal(expected.Count, graph.Edges.Length);
        foreach (var e in graph.Edges)
        {
            Assert.Equal(expected[(e.A, e.B)], e.Probability, 1e-15);
        }
    }
}

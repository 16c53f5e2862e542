using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Generators;

/// <summary>
/// Our code-capacity surface code against Stim's (an independent construction: Stim simulates the
/// circuit of `stim gen … rotated_memory_z` with only data depolarization, then merges mechanisms).
/// Detectors are matched by their (x, y) coordinates at t = 0, so the layouts must agree; Stim's
/// second layer of detectors (t = 1) is never flipped and is ignored. Every merged matching-graph
/// edge must agree in its endpoints, its probability (to 1e-12 relative) and its L0 flip.
/// A depolarizing channel of strength p flips a Z check's bit with probability 2p/3, so our
/// bit-flip model at 2p/3 and the Z-check part of our depolarizing model at p must both agree.
/// </summary>
public sealed class StimComparisonTests
{
    [Theory]
    [InlineData("sc_cc_d03_r01_p0.10.dem", 3, 0.10)]
    [InlineData("sc_cc_d05_r01_p0.05.dem", 5, 0.05)]
    [InlineData("sc_cc_d05_r01_p0.10.dem", 5, 0.10)]
    [InlineData("sc_cc_d05_r01_p0.15.dem", 5, 0.15)]
    [InlineData("sc_cc_d07_r01_p0.05.dem", 7, 0.05)]
    public void CodeCapacityGraphEqualsStims(string file, int d, double p)
    {
        var stim = DetectorErrorModel.Load(TestPaths.Data(Path.Combine("sampling", file))).Flatten();
        var expected = EdgesByCoordinates(stim, MatchingGraph.From(stim), stim.NumDetectors);

        var bitFlip = CodeGenerators.RotatedSurfaceCode(d, 1, NoiseModel.CodeCapacity, 2 * p / 3).Flatten();
        AssertSameEdges(expected, EdgesByCoordinates(bitFlip, MatchingGraph.From(bitFlip), bitFlip.NumDetectors));

        var depolarizing = CodeGenerators.RotatedSurfaceCode(d, 1, NoiseModel.CodeCapacityDepolarizing, p).Flatten();
        int zChecks = (d * d - 1) / 2;
        AssertSameEdges(expected, EdgesByCoordinates(depolarizing, MatchingGraph.From(depolarizing), zChecks));
    }

    private static void AssertSameEdges(
        Dictionary<(double, double, double, double), (double P, ulong Mask)> expected,
        Dictionary<(double, double, double, double), (double P, ulong Mask)> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, (p, mask)) in expected)
        {
            Assert.True(Math.Abs(actual[key].P - p) <= 1e-12 * p, $"edge {key}: p {actual[key].P} vs Stim's {p}");
            Assert.Equal(mask, actual[key].Mask);
        }
    }

    /// <summary>Edges among detectors below <paramref name="limit"/> keyed by endpoint coordinates (x1, y1, x2, y2); boundary = (−1, −1).</summary>
    private static Dictionary<(double, double, double, double), (double P, ulong Mask)> EdgesByCoordinates(
        FlatDetectorErrorModel model, MatchingGraph graph, int limit)
    {
        var edges = new Dictionary<(double, double, double, double), (double, ulong)>();
        for (int i = 0; i < graph.Edges.Length; i++)
        {
            var e = graph.Edges[i];
            if (e.A >= limit || e.B >= limit)
            {
                continue;
            }
            var a = model.DetectorCoordinates(e.A);
            Assert.Equal(0, a[2]);
            (double, double) b = (-1, -1);
            if (!e.IsBoundary)
            {
                var cb = model.DetectorCoordinates(e.B);
                b = (cb[0], cb[1]);
            }
            var (first, second) = Comparer<(double, double)>.Default.Compare((a[0], a[1]), b) <= 0 ? ((a[0], a[1]), b) : (b, (a[0], a[1]));
            edges.Add((first.Item1, first.Item2, second.Item1, second.Item2), (e.Probability, graph.EdgeObservables(i)[0]));
        }
        return edges;
    }
}

using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.TensorNetwork.Decoding;
using Qec.TensorNetwork.Decoding.Pruned;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Decoding;

/// <summary>
/// Pruned mode: with room for every frontier state it is exact mode (an independent contraction: dense
/// tensors along a plan); with little room every class weight is a lower bound whose gap the returned
/// discarded weight bounds; enumeration on the d = 3 depolarizing code; refusals.
/// </summary>
public class PrunedModeTests(ITestOutputHelper output)
{
    private const string CircuitD3 = "matching/sc_rmz_d03_r03_p0.003";

    [Fact]
    public void With_room_for_every_state_it_equals_exact_mode_on_circuit_level_reference_shots()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(CircuitD3 + ".dem"));
        var exact = Compile(model, "mode=exact").CreateDecoder();
        var pruned = Compile(model, "mode=pruned:states=1000000").CreateDecoder();
        var dets = File.ReadAllBytes(TestPaths.Data(CircuitD3 + ".dets.b8"));
        int db = exact.DetectorBytes(), shots = 40;
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            exact.Decode(shot, new byte[1]);
            pruned.Decode(shot, new byte[1]);
            Assert.Equal(0, pruned.LastDiscardedWeight);
            AssertClose(exact.LogClassWeights, pruned.LogClassWeights, 1e-9, $"shot {s}");
        }
    }

    [Fact]
    public void Class_weights_equal_enumeration_on_every_syndrome_of_the_d3_depolarizing_code()
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, 0.15);
        var matrix = CheckMatrix.From(model);
        var decoder = Compile(model, "mode=pruned:states=100000").CreateDecoder();
        int m = matrix.Detectors.Rows;
        for (int bits = 0; bits < 1 << m; bits += 7)
        {
            var syndrome = new byte[(m + 7) >> 3];
            for (int c = 0; c < m; c++)
            {
                syndrome[c >> 3] |= (byte)(((bits >> c) & 1) << (c & 7));
            }
            decoder.Decode(syndrome, new byte[1]);
            AssertClose(CosetOracles.Enumerate(matrix, syndrome, 3), decoder.LogClassWeights, 1e-9, $"syndrome {bits}");
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    public void Pruned_weights_are_lower_bounds_within_the_discarded_weight(int states)
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(CircuitD3 + ".dem"));
        var exact = Compile(model, "mode=exact").CreateDecoder();
        var pruned = Compile(model, $"mode=pruned:states={states}").CreateDecoder();
        var dets = File.ReadAllBytes(TestPaths.Data(CircuitD3 + ".dets.b8"));
        int db = exact.DetectorBytes(), shots = 60, lossy = 0;
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            exact.Decode(shot, new byte[1]);
            pruned.Decode(shot, new byte[1]);
            AssertWithinBound(exact.LogClassWeights, pruned.LogClassWeights, pruned.LastDiscardedWeight, $"states={states}, shot {s}");
            lossy += pruned.LastDiscardedWeight > 0 ? 1 : 0;
        }
        output.WriteLine($"states={states}: {lossy} of {shots} shots dropped weight");
        Assert.True(lossy > 0, "the test must exercise pruning");
    }

    [Fact]
    public void At_circuit_level_d5_a_small_beam_is_within_its_bound_of_a_large_one()
    {
        if (TestPaths.ReferenceFile("dems/sc_rmz_d05_r05_p0.003.dem") is not { } dem || !File.Exists(dem))
        {
            return;  // reference data not present
        }
        var model = DetectorErrorModel.Load(dem);
        var small = Compile(model, "mode=pruned:states=32").CreateDecoder();
        var large = Compile(model, "mode=pruned:states=2048").CreateDecoder();
        var dets = File.ReadAllBytes(TestPaths.ReferenceFile("shots/sc_rmz_d05_r05_p0.003.dets.b8")!);
        int db = small.DetectorBytes();
        for (int s = 0; s < 8; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            small.Decode(shot, new byte[1]);
            large.Decode(shot, new byte[1]);
            // large ≤ exact, so large − small ≤ exact − small ≤ the small beam's bound.
            AssertWithinBound(large.LogClassWeights, small.LogClassWeights, small.LastDiscardedWeight, $"shot {s}");
        }
    }

    [Fact]
    public void A_frontier_wider_than_the_state_is_refused()
    {
        // Two mechanisms on the same 130 detectors: all open at once after the first.
        string detectors = string.Join(' ', Enumerable.Range(0, 130).Select(c => $"D{c}"));
        var model = DetectorErrorModel.Parse($"error(0.1) {detectors} L0\nerror(0.1) {detectors}\n");
        var e = Assert.Throws<ArgumentException>(() => Compile(model, "mode=pruned"));
        Assert.Contains("tn (mode=pruned): the sweep's frontier needs more than 127 detector bits", e.Message);
    }

    [Fact]
    public void Its_cost_is_held_to_the_limit()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(CircuitD3 + ".dem"));
        var e = Assert.Throws<ArgumentException>(() => Compile(model, "mode=pruned:states=4096:max_flops=100000"));
        Assert.Contains("tn (mode=pruned, states=4096): the sweep of this model", e.Message);
    }

    [Fact]
    public void Kth_largest_equals_sorting()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 60);
            var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 12)).ToArray();
            int k = random.Next(1, n + 1);
            double expected = values.OrderByDescending(v => v).ElementAt(k - 1);
            Assert.Equal(expected, Selection.KthLargest(values.ToArray(), k));
        }
    }

    private static TnCompiledDecoder Compile(DetectorErrorModel model, string options) =>
        (TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Parse(options.Split(':')));

    /// <summary>Each approximate weight ≤ the reference one, and Σ_c (reference − approximate) ≤ bound × Σ_c approximate (bound +∞: nothing kept).</summary>
    private static void AssertWithinBound(ReadOnlySpan<double> reference, ReadOnlySpan<double> approximate, double bound, string context)
    {
        if (double.IsPositiveInfinity(bound))
        {
            // Every state consistent with the syndrome was pruned: no class has weight, and the gap is unbounded.
            Assert.All(approximate.ToArray(), w => Assert.True(double.IsNegativeInfinity(w), $"{context}: a class kept weight {w}"));
            return;
        }
        double gap = 0, total = 0;
        for (int c = 0; c < reference.Length; c++)
        {
            double r = Math.Exp(reference[c]), a = Math.Exp(approximate[c]);
            Assert.True(a <= r * (1 + 1e-9), $"{context}, class {c}: pruned ln W {approximate[c]} above {reference[c]}");
            gap += r - a;
            total += a;
        }
        Assert.True(gap <= bound * total * (1 + 1e-9) + 1e-300, $"{context}: gap {gap / total:e3} of the kept weight exceeds the reported bound {bound:e3}");
    }

    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < expected.Length; c++)
        {
            if (double.IsNegativeInfinity(expected[c]))
            {
                Assert.True(double.IsNegativeInfinity(actual[c]), $"{context}, class {c}: expected impossible, got {actual[c]}");
                continue;
            }
            Assert.True(Math.Abs(expected[c] - actual[c]) < tolerance, $"{context}, class {c}: ln W {actual[c]}, expected {expected[c]}");
        }
    }
}

internal static class TnDecoderTestExtensions
{
    public static int DetectorBytes(this TnDecoder decoder) => (decoder.NumDetectors + 7) >> 3;
}

using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.Matching.Mwpm;
using Qec.TensorNetwork.Decoding;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Decoding;

/// <summary>
/// Exact mode against independent oracles: error enumeration on the d = 3 code-capacity surface codes
/// (every syndrome), a dictionary transfer on the d = 3 circuit-level reference DEM (a sample of its
/// reference shots); and tn is never less likely than mwpm's class.
/// </summary>
public class ExactModeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(NoiseModel.CodeCapacity, 0.1)]
    [InlineData(NoiseModel.CodeCapacity, 0.02)]
    [InlineData(NoiseModel.CodeCapacityDepolarizing, 0.15)]
    public void Class_weights_equal_enumeration_on_every_syndrome_of_the_d3_surface_code(NoiseModel noise, double p)
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, noise, p);
        var matrix = CheckMatrix.From(model);
        var decoder = Compile(model).CreateDecoder();
        int m = matrix.Detectors.Rows;
        for (int s = 0; s < 1 << m; s++)
        {
            var syndrome = Syndrome(s, m);
            // Depolarizing: the X, Y, Z mechanisms of a qubit are consecutive; enumerate qubits' net Paulis.
            var expected = CosetOracles.Enumerate(matrix, syndrome, noise == NoiseModel.CodeCapacityDepolarizing ? 3 : 1);
            decoder.Decode(syndrome, new byte[1]);
            AssertLogWeights(expected, decoder.LogClassWeights, $"syndrome {s}");
        }
    }

    [Fact]
    public void Class_bit_o_is_observable_o()
    {
        // Two repetition codes side by side with different noise: L0 on the first (p = 0.1), L1 on the second (p = 0.3).
        var model = DetectorErrorModel.Parse("""
            error(0.1) D0 L0
            error(0.1) D0 D1
            error(0.1) D1
            error(0.3) D2 L1
            error(0.3) D2 D3
            error(0.3) D3
            """);
        var matrix = CheckMatrix.From(model);
        var decoder = Compile(model).CreateDecoder();
        var flips = new byte[1];
        for (int s = 0; s < 16; s++)
        {
            var syndrome = Syndrome(s, 4);
            decoder.Decode(syndrome, flips);
            AssertLogWeights(CosetOracles.Enumerate(matrix, syndrome), decoder.LogClassWeights, $"syndrome {s}");
            int best = decoder.LogClassWeights.ToArray().Select((w, c) => (w, c)).Max().c;
            Assert.Equal(best, flips[0]);  // bit o of the class is observable o, as the flips are packed
        }
    }

    [Fact]
    public void Class_weights_equal_the_transfer_oracle_on_circuit_level_reference_shots()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dem"));
        var matrix = CheckMatrix.From(model);
        var decoder = Compile(model).CreateDecoder();
        var dets = File.ReadAllBytes(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dets.b8"));
        int db = (matrix.Detectors.Rows + 7) >> 3, checkedShots = 0;
        for (int s = 0; s < dets.Length / db && checkedShots < 12; s++)
        {
            var shot = dets.AsSpan(s * db, db).ToArray();
            if (shot.All(b => b == 0) && s > 0)
            {
                continue;  // the empty syndrome once is enough
            }
            decoder.Decode(shot, new byte[1]);
            AssertLogWeights(CosetOracles.Transfer(matrix, shot), decoder.LogClassWeights, $"shot {s}");
            checkedShots++;
        }
        Assert.Equal(12, checkedShots);
    }

    [Fact]
    public void Where_mwpm_and_tn_disagree_tns_class_is_the_likelier()
    {
        var model = DetectorErrorModel.Load(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dem"));
        var matrix = CheckMatrix.From(model);
        var tn = Compile(model).CreateDecoder();
        var mwpm = MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var dets = File.ReadAllBytes(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dets.b8"));
        var obs = File.ReadAllLines(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.obs.01"));
        int db = (matrix.Detectors.Rows + 7) >> 3, shots = 400, disagreements = 0, tnErrors = 0, mwpmErrors = 0;
        var a = new byte[1];
        var b = new byte[1];
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            tn.Decode(shot, a);
            mwpm.Decode(shot, b);
            int truth = obs[s][0] - '0';
            tnErrors += a[0] != truth ? 1 : 0;
            mwpmErrors += b[0] != truth ? 1 : 0;
            if (a[0] != b[0])
            {
                disagreements++;
                var weights = tn.LogClassWeights;
                Assert.True(weights[a[0]] >= weights[b[0]], $"shot {s}: tn chose a class less likely than mwpm's");
            }
        }
        output.WriteLine($"{shots} shots: {disagreements} disagreements; logical errors tn {tnErrors}, mwpm {mwpmErrors}");
    }

    [Fact]
    public void Soft_output_is_the_log_odds_of_the_chosen_class()
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1);
        var decoder = Compile(model).CreateDecoder();
        var flips = new byte[1];
        var info = decoder.DecodeDetailed(Syndrome(0b0101, 4), flips);
        var w = decoder.LogClassWeights;
        double chosen = w[flips[0]], other = w[1 - flips[0]];
        Assert.True(chosen >= other);
        Assert.Equal(chosen - other, info.SoftOutput, 1e-12);
        Assert.True(double.IsNaN(info.Weight));
    }

    [Fact]
    public void A_network_over_the_cost_limit_is_refused_naming_its_cost()
    {
        var model = CodeGenerators.RotatedSurfaceCode(5, 1, NoiseModel.CodeCapacityDepolarizing, 0.1);
        var e = Assert.Throws<ArgumentException>(() => new TnDecoderFactory().Compile(model, DecoderOptions.Parse(["max_flops=1000"])));
        Assert.Contains("tn (exact): the parity network of this model (24 detectors, 75 mechanisms): contracting it needs 2^", e.Message);
        Assert.Contains("the limit is 2^10 flops", e.Message);
    }

    [Theory]
    [InlineData("chi=0", "chi=0: the bond dimension must be at least 1")]
    [InlineData("mode=fast", "mode=fast: expected exact, boundary or pruned")]
    [InlineData("mode=pruned:states=0", "states=0: pruned mode must keep at least 1 state")]
    [InlineData("mode=pruned:device=ilgpu-cpu", "pruned mode runs on the CPU")]
    [InlineData("foo=1", "unknown decoder option 'foo'")]
    [InlineData("max_flops=-1", "max_flops=-1: expected a positive number")]
    public void Bad_options_are_one_clear_error(string option, string expected)
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1);
        var e = Assert.Throws<ArgumentException>(() => new TnDecoderFactory().Compile(model, DecoderOptions.Parse(option.Split(':'))));
        Assert.Contains(expected, e.Message);
    }

    private static TnCompiledDecoder Compile(DetectorErrorModel model) => (TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Empty);

    private static byte[] Syndrome(int bits, int detectors)
    {
        var packed = new byte[(detectors + 7) >> 3];
        for (int c = 0; c < detectors; c++)
        {
            packed[c >> 3] |= (byte)(((bits >> c) & 1) << (c & 7));
        }
        return packed;
    }

    private static void AssertLogWeights(double[] expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < expected.Length; c++)
        {
            if (double.IsNegativeInfinity(expected[c]))
            {
                Assert.True(double.IsNegativeInfinity(actual[c]), $"{context}, class {c}: expected impossible, got {actual[c]}");
                continue;
            }
            // ln W to 1e-9 relative in W.
            Assert.True(Math.Abs(expected[c] - actual[c]) < 1e-9, $"{context}, class {c}: ln W {actual[c]}, expected {expected[c]}");
        }
    }
}

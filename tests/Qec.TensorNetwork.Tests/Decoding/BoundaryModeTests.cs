using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Decoding;

namespace Qec.TensorNetwork.Tests.Decoding;

/// <summary>tn's boundary mode through the decoder: equal to exact mode where exact mode runs, refusals clear.</summary>
public class BoundaryModeTests
{
    [Theory]
    [InlineData(3, NoiseModel.CodeCapacity, 0.1, 8)]
    [InlineData(7, NoiseModel.CodeCapacity, 0.08, 8)]
    [InlineData(3, NoiseModel.CodeCapacityDepolarizing, 0.15, 16)]
    [InlineData(5, NoiseModel.CodeCapacityDepolarizing, 0.1, 16)]
    public void Boundary_mode_at_its_chi_matches_exact_mode(int d, NoiseModel noise, double p, int chi)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
        var exact = (TnDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Empty).CreateDecoder();
        var boundary = (TnDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Parse(["mode=boundary", $"chi={chi}"])).CreateDecoder();
        var (dets, _) = new DemSampler(model).Sample(60, 31);
        int db = ((IDecoder)exact).DetectorBytes;
        var a = new byte[1];
        var b = new byte[1];
        for (int s = 0; s < 60; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            exact.Decode(shot, a);
            boundary.Decode(shot, b);
            Assert.Equal(a[0], b[0]);
            for (int c = 0; c < 2; c++)
            {
                // The likelier class to 1e-9; the other to 1e-6 (truncation error is relative to the whole boundary state).
                double tolerance = c == a[0] ? 1e-9 : 1e-6;
                Assert.True(Math.Abs(exact.LogClassWeights[c] - boundary.LogClassWeights[c]) < tolerance,
                    $"shot {s}, class {c}: exact {exact.LogClassWeights[c]}, boundary {boundary.LogClassWeights[c]}");
            }
        }
    }

    [Fact]
    public void A_non_planar_model_is_refused_in_boundary_mode()
    {
        var model = CodeGenerators.RepetitionCode(5, 4, NoiseModel.Phenomenological, 0.05);
        var e = Assert.Throws<ArgumentException>(() => new TnDecoderFactory().Compile(model, DecoderOptions.Parse(["mode=boundary"])));
        Assert.StartsWith("tn (mode=boundary): approximate mode needs a planar model:", e.Message);
    }
}

using Xunit.Abstractions;
using Qec.Core.Sampling;
using Qec.Generative.Layers;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>∇ Σ_b w_b log q(s_b | c_b) of whole models against central finite differences in float64.</summary>
public class ModelGradientTests(ITestOutputHelper output)
{
    public static TheoryData<MadeConfig> Configs() =>
    [
        new MadeConfig(6, ConditionSize: 0, HiddenWidth: 10, HiddenLayers: 2),
        new MadeConfig(6, ConditionSize: 4, HiddenWidth: 10, HiddenLayers: 2),
        new MadeConfig(5, ConditionSize: 3, HiddenWidth: 8, HiddenLayers: 3, Residual: true),
        new MadeConfig(5, ConditionSize: 2, HiddenLayers: 0),
        new MadeConfig(1, ConditionSize: 2, HiddenWidth: 4, HiddenLayers: 1),
    ];

    [Theory]
    [MemberData(nameof(Configs))]
    public void MadeWeightedLogLikelihoodGradientMatchesFiniteDifferences(MadeConfig config)
    {
        var model = new MadeNetwork<double>(config, seed: 5);
        GradientCheck.Randomize(model.Parameters, 6, a: 0.7);
        var rng = new Xoshiro256StarStar(7);
        const int batch = 3;
        var samples = GradientCheck.RandomBits(batch * config.Variables, ref rng);
        var conditions = GradientCheck.RandomBits(batch * config.ConditionSize, ref rng);
        double[] weights = [0.7, -1.3, 0.4];
        var ws = model.CreateWorkspace();
        var logq = new double[batch];

        double Loss()
        {
            model.LogProbabilities(samples, conditions, logq, ws);
            double sum = 0;
            for (int b = 0; b < batch; b++) sum += weights[b] * logq[b];
            return sum;
        }
        var gradient = model.Parameters.CreateZerosLike();
        model.AccumulateGradient(samples, conditions, weights, gradient, logq, ws);
        double worst = GradientCheck.AssertMatches(model.Parameters, gradient, Loss);
        output.WriteLine($"{config}: worst relative error {worst:E2} over {model.Parameters.ScalarCount} parameters");
        Assert.True(worst < 1e-6, $"worst relative error {worst}");
    }

    public static TheoryData<PixelCnnConfig> PixelCnnConfigs() =>
    [
        new PixelCnnConfig(3, 3, Channels: 3, HalfWidth: 1, Layers: 3),
        new PixelCnnConfig(3, 3, Channels: 2, HalfWidth: 1, Layers: 4, Residual: true, ConditionSize: 2),
        new PixelCnnConfig(2, 4, Channels: 3, HalfWidth: 2, Layers: 2, ConditionSize: 3),
        new PixelCnnConfig(3, 2, HalfWidth: 1, Layers: 1, ConditionSize: 1),
    ];

    [Theory]
    [MemberData(nameof(PixelCnnConfigs))]
    public void PixelCnnWeightedLogLikelihoodGradientMatchesFiniteDifferences(PixelCnnConfig config)
    {
        var model = new PixelCnnNetwork<double>(config, seed: 5);
        GradientCheck.Randomize(model.Parameters, 6, a: 0.7);
        var rng = new Xoshiro256StarStar(7);
        const int batch = 3;
        var samples = GradientCheck.RandomBits(batch * config.Variables, ref rng);
        var conditions = GradientCheck.RandomBits(batch * config.ConditionSize, ref rng);
        double[] weights = [0.7, -1.3, 0.4];
        var ws = model.CreateWorkspace();
        var logq = new double[batch];

        double Loss()
        {
            model.LogProbabilities(samples, conditions, logq, ws);
            double sum = 0;
            for (int b = 0; b < batch; b++) sum += weights[b] * logq[b];
            return sum;
        }
        var gradient = model.Parameters.CreateZerosLike();
        model.AccumulateGradient(samples, conditions, weights, gradient, logq, ws);
        double worst = GradientCheck.AssertMatches(model.Parameters, gradient, Loss);
        output.WriteLine($"{config}: worst relative error {worst:E2} over {model.Parameters.ScalarCount} parameters");
        Assert.True(worst < 1e-6, $"worst relative error {worst}");
    }

    [Fact]
    public void PixelCnnFloat32GradientAgreesWithFloat64()
    {
        var config = new PixelCnnConfig(4, 4, Channels: 4, HalfWidth: 2, Layers: 3, Residual: true, ConditionSize: 2);
        var dbl = new PixelCnnNetwork<double>(config, seed: 8);
        var single = new PixelCnnNetwork<float>(config, seed: 8);
        var rng = new Xoshiro256StarStar(9);
        const int batch = 4;
        var samples = GradientCheck.RandomBits(batch * config.Variables, ref rng);
        var conditions = GradientCheck.RandomBits(batch * config.ConditionSize, ref rng);
        var g64 = dbl.Parameters.CreateZerosLike();
        var g32 = single.Parameters.CreateZerosLike();
        dbl.AccumulateGradient(samples, conditions, [0.5, -1, 0.25, 1], g64, new double[batch], dbl.CreateWorkspace());
        single.AccumulateGradient(samples, conditions, [0.5f, -1f, 0.25f, 1f], g32, new float[batch], single.CreateWorkspace());
        double scale = g64.GlobalNorm();
        Assert.True(scale > 0.1, $"gradient norm {scale}");
        for (int k = 0; k < g64.Count; k++)
            for (int j = 0; j < g64[k].Data.Length; j++)
                Assert.True(Math.Abs(g64[k].Data[j] - g32[k].Data[j]) <= 1e-5 * scale, $"{g64[k].Name}[{j}]: {g64[k].Data[j]} against {g32[k].Data[j]}");
    }
}

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
}

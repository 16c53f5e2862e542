using Xunit.Abstractions;
using Qec.Core.Sampling;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>∇ Σ_b w_b log q(s_b | c_b) of whole models against central finite differences in float64, for every network (ModelCases).</summary>
public class ModelGradientTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ModelCases.Gradient), MemberType = typeof(ModelCases))]
    public void WeightedLogLikelihoodGradientMatchesFiniteDifferences(string network)
    {
        var model = ModelCases.Build<double>(network, seed: 5);
        GradientCheck.Randomize(model.Parameters, 6, a: 0.7);
        var rng = new Xoshiro256StarStar(7);
        const int batch = 3;
        var samples = GradientCheck.RandomBits(batch * model.Variables, ref rng);
        var conditions = GradientCheck.RandomBits(batch * model.ConditionSize, ref rng);
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
        output.WriteLine($"{network}: worst relative error {worst:E2} over {model.Parameters.ScalarCount} parameters");
        Assert.True(worst < 1e-6, $"worst relative error {worst}");
    }

    [Theory]
    [MemberData(nameof(ModelCases.Float32), MemberType = typeof(ModelCases))]
    public void Float32GradientAgreesWithFloat64(string network)
    {
        var dbl = ModelCases.Build<double>(network, seed: 8);
        var single = ModelCases.Build<float>(network, seed: 8);
        var rng = new Xoshiro256StarStar(9);
        const int batch = 4;
        var samples = GradientCheck.RandomBits(batch * dbl.Variables, ref rng);
        var conditions = GradientCheck.RandomBits(batch * dbl.ConditionSize, ref rng);
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

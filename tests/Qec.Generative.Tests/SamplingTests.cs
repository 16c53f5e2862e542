using Qec.Core.Sampling;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>Ancestral sampling draws from q and greedy decoding takes the likelier bit at every step.</summary>
public class SamplingTests
{
    [Fact]
    public void EmpiricalDistributionOfSeededSamplesMatchesQ()
    {
        const int n = 4, samples = 40000;
        var model = new MadeNetwork<double>(new MadeConfig(n, ConditionSize: 2, HiddenWidth: 8, HiddenLayers: 2), seed: 51);
        GradientCheck.Randomize(model.Parameters, 52, a: 1.0);
        var ws = model.CreateWorkspace();
        byte[] condition = [1, 0];
        var rng = new Xoshiro256StarStar(53);
        var counts = new int[1 << n];
        var bits = new byte[n];
        for (int k = 0; k < samples; k++)
        {
            double logq = model.Sample(bits, condition, ref rng, ws);
            Assert.Equal(model.LogProbability(bits, condition, ws), logq, 1e-12);
            int index = 0;
            for (int i = 0; i < n; i++) index |= bits[i] << i;
            counts[index]++;
        }
        double chiSquare = 0, totalVariation = 0;
        for (int s = 0; s < 1 << n; s++)
        {
            for (int i = 0; i < n; i++) bits[i] = (byte)((s >> i) & 1);
            double q = Math.Exp(model.LogProbability(bits, condition, ws));
            double expected = q * samples;
            chiSquare += (counts[s] - expected) * (counts[s] - expected) / expected;
            totalVariation += 0.5 * Math.Abs(counts[s] / (double)samples - q);
        }
        // 15 degrees of freedom: P(χ² > 37.7) = 0.001. Expected TV at this size ≈ 0.006.
        Assert.True(chiSquare < 37.7, $"chi-square {chiSquare}");
        Assert.True(totalVariation < 0.015, $"total variation {totalVariation}");
    }

    [Fact]
    public void SameSeedGivesSameBatchAndLogProbabilitiesMatch()
    {
        var model = new MadeNetwork<float>(new MadeConfig(12, ConditionSize: 5, HiddenWidth: 16, HiddenLayers: 2), seed: 61);
        var ws = model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(62);
        var conditions = GradientCheck.RandomBits(8 * 5, ref rng);
        var first = new byte[8 * 12];
        var second = new byte[8 * 12];
        var logq = new float[8];
        var again = new float[8];
        model.SampleBatch(first, conditions, logq, seed: 63, ws);
        model.SampleBatch(second, conditions, again, seed: 63, ws);
        Assert.Equal(first, second);
        Assert.Equal(logq, again);
        model.LogProbabilities(first, conditions, again, ws);
        Assert.Equal(logq, again);
    }

    [Fact]
    public void GreedyTakesTheLikelierBitAtEveryStepAndReportsItsLogProbability()
    {
        const int n = 10;
        var model = new MadeNetwork<double>(new MadeConfig(n, ConditionSize: 4, HiddenWidth: 16, HiddenLayers: 2, Residual: true), seed: 71);
        GradientCheck.Randomize(model.Parameters, 72, a: 1.0);
        var ws = model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(73);
        var bits = new byte[n];
        var p = new double[n];
        for (int trial = 0; trial < 10; trial++)
        {
            var condition = GradientCheck.RandomBits(4, ref rng);
            double logq = model.Greedy(bits, condition, ws);
            Assert.Equal(model.Conditionals(bits, condition, p, ws), logq, 1e-12);
            for (int i = 0; i < n; i++) Assert.Equal(p[i] > 0.5 ? 1 : 0, bits[i]);
        }
    }

    [Fact]
    public void PixelCnnEmpiricalDistributionOfSeededSamplesMatchesQ()
    {
        const int samples = 40000;
        var config = new PixelCnnConfig(2, 2, Channels: 3, HalfWidth: 1, Layers: 3, ConditionSize: 2);
        int n = config.Variables;
        var model = new PixelCnnNetwork<double>(config, seed: 54);
        GradientCheck.Randomize(model.Parameters, 55, a: 1.0);
        var ws = model.CreateWorkspace();
        byte[] condition = [0, 1];
        var rng = new Xoshiro256StarStar(56);
        var counts = new int[1 << n];
        var bits = new byte[n];
        for (int k = 0; k < samples; k++)
        {
            double logq = model.Sample(bits, condition, ref rng, ws);
            Assert.Equal(model.LogProbability(bits, condition, ws), logq, 1e-12);
            int index = 0;
            for (int i = 0; i < n; i++) index |= bits[i] << i;
            counts[index]++;
        }
        double chiSquare = 0, totalVariation = 0;
        for (int s = 0; s < 1 << n; s++)
        {
            for (int i = 0; i < n; i++) bits[i] = (byte)((s >> i) & 1);
            double q = Math.Exp(model.LogProbability(bits, condition, ws));
            double expected = q * samples;
            chiSquare += (counts[s] - expected) * (counts[s] - expected) / expected;
            totalVariation += 0.5 * Math.Abs(counts[s] / (double)samples - q);
        }
        // 15 degrees of freedom: P(χ² > 37.7) = 0.001. Expected TV at this size ≈ 0.006.
        Assert.True(chiSquare < 37.7, $"chi-square {chiSquare}");
        Assert.True(totalVariation < 0.015, $"total variation {totalVariation}");
    }

    [Fact]
    public void PixelCnnSameSeedGivesSameBatchAndGreedyTakesTheLikelierBit()
    {
        var config = new PixelCnnConfig(4, 5, Channels: 4, HalfWidth: 2, Layers: 3, Residual: true);
        var model = new PixelCnnNetwork<float>(config, seed: 64);
        var ws = model.CreateWorkspace();
        var first = new byte[6 * 20];
        var second = new byte[6 * 20];
        var logq = new float[6];
        var again = new float[6];
        model.SampleBatch(first, [], logq, seed: 65, ws);
        model.SampleBatch(second, [], again, seed: 65, ws);
        Assert.Equal(first, second);
        Assert.Equal(logq, again);
        model.LogProbabilities(first, [], again, ws);
        Assert.Equal(logq, again);

        var dbl = new PixelCnnNetwork<double>(config with { ConditionSize = 3 }, seed: 66);
        GradientCheck.Randomize(dbl.Parameters, 67, a: 1.0);
        var wsd = dbl.CreateWorkspace();
        var rng = new Xoshiro256StarStar(68);
        var bits = new byte[20];
        var p = new double[20];
        for (int trial = 0; trial < 5; trial++)
        {
            var condition = GradientCheck.RandomBits(3, ref rng);
            double greedy = dbl.Greedy(bits, condition, wsd);
            Assert.Equal(dbl.Conditionals(bits, condition, p, wsd), greedy, 1e-12);
            for (int i = 0; i < 20; i++) Assert.Equal(p[i] > 0.5 ? 1 : 0, bits[i]);
        }
    }
}

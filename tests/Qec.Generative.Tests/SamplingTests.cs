using Qec.Core.Sampling;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>Ancestral sampling draws from q and greedy decoding takes the likelier bit at every step, for every network (ModelCases).</summary>
public class SamplingTests
{
    [Theory]
    [MemberData(nameof(ModelCases.Sampling), MemberType = typeof(ModelCases))]
    public void EmpiricalDistributionOfSeededSamplesMatchesQ(string network)
    {
        const int samples = 40000;
        var model = ModelCases.Build<double>(network, seed: 51);
        GradientCheck.Randomize(model.Parameters, 52, a: 1.0);
        var ws = model.CreateWorkspace();
        int n = model.Variables;
        var rng = new Xoshiro256StarStar(53);
        var condition = GradientCheck.RandomBits(model.ConditionSize, ref rng);
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
        Assert.Equal(16, counts.Length);
        Assert.True(chiSquare < 37.7, $"chi-square {chiSquare}");
        Assert.True(totalVariation < 0.015, $"total variation {totalVariation}");
    }

    [Theory]
    [MemberData(nameof(ModelCases.Greedy), MemberType = typeof(ModelCases))]
    public void SameSeedGivesSameBatchAndLogProbabilitiesMatch(string network)
    {
        var model = ModelCases.Build<float>(network, seed: 61);
        var ws = model.CreateWorkspace();
        int n = model.Variables, m = model.ConditionSize;
        var rng = new Xoshiro256StarStar(62);
        var conditions = GradientCheck.RandomBits(8 * m, ref rng);
        var first = new byte[8 * n];
        var second = new byte[8 * n];
        var logq = new float[8];
        var again = new float[8];
        model.SampleBatch(first, conditions, logq, seed: 63, ws);
        model.SampleBatch(second, conditions, again, seed: 63, ws);
        Assert.Equal(first, second);
        Assert.Equal(logq, again);
        model.LogProbabilities(first, conditions, again, ws);
        Assert.Equal(logq, again);
    }

    [Theory]
    [MemberData(nameof(ModelCases.Greedy), MemberType = typeof(ModelCases))]
    public void GreedyTakesTheLikelierBitAtEveryStepAndReportsItsLogProbability(string network)
    {
        var model = ModelCases.Build<double>(network, seed: 71);
        GradientCheck.Randomize(model.Parameters, 72, a: 1.0);
        var ws = model.CreateWorkspace();
        int n = model.Variables;
        var rng = new Xoshiro256StarStar(73);
        var bits = new byte[n];
        var p = new double[n];
        for (int trial = 0; trial < 10; trial++)
        {
            var condition = GradientCheck.RandomBits(model.ConditionSize, ref rng);
            double logq = model.Greedy(bits, condition, ws);
            Assert.Equal(model.Conditionals(bits, condition, p, ws), logq, 1e-12);
            for (int i = 0; i < n; i++) Assert.Equal(p[i] > 0.5 ? 1 : 0, bits[i]);
        }
    }
}

using Qec.Core.Dem;
using Qec.Core.Sampling;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Sampling;

/// <summary>
/// The joint distribution of a whole shot against exact enumeration: a hand model of 12 mechanisms
/// (2^12 = 4096 combinations) covering p = 0 and p = 1, separators, targets named twice (which cancel),
/// equal probabilities (one random stream shared by several mechanisms) and several observables.
/// Each of the 2^7 outcomes (5 detectors, 2 observables) must be within 5σ of N·P(outcome);
/// impossible outcomes must never occur.
/// </summary>
public sealed class DemSamplerDistributionTests(ITestOutputHelper output)
{
    private const string HandModel = """
        error(0.1) D0 D1
        error(0.1) D1 D2 L0
        error(0.25) D0 ^ D2
        error(0.5) D3
        error(0.02) D2 D3 L1
        error(1) D4
        error(0) D0
        error(0.1) D0 D0 D1
        error(0.3) L0 ^ D4 L0
        error(0.02) D1 D4
        error(0.45) D0 D1 D2 D3 L1
        error(0.001) D4 L0
        """;

    private const int Detectors = 5;
    private const int Outcomes = 1 << 7;

    /// <summary>P(outcome) by enumerating all 2^12 combinations of fired mechanisms.</summary>
    private static double[] ExactOutcomeDistribution(FlatDetectorErrorModel model)
    {
        var flips = new int[model.NumErrors];
        for (int e = 0; e < model.NumErrors; e++)
        {
            foreach (var t in model.Targets(e))
            {
                if (t.Kind == DemTargetKind.Detector)
                {
                    flips[e] ^= 1 << (int)t.Index;
                }
                else if (t.Kind == DemTargetKind.Observable)
                {
                    flips[e] ^= 1 << (Detectors + (int)t.Index);
                }
            }
        }
        var distribution = new double[Outcomes];
        for (int fired = 0; fired < 1 << model.NumErrors; fired++)
        {
            double probability = 1;
            int outcome = 0;
            for (int e = 0; e < model.NumErrors; e++)
            {
                bool on = (fired >> e & 1) != 0;
                probability *= on ? model.Probability(e) : 1 - model.Probability(e);
                outcome ^= on ? flips[e] : 0;
            }
            distribution[outcome] += probability;
        }
        return distribution;
    }

    [Theory]
    [InlineData(1_000_000, 5UL)]
    [InlineData(200_000, 6UL)]
    public void JointDistributionMatchesEnumeration(int shots, ulong seed)
    {
        var model = DetectorErrorModel.Parse(HandModel).Flatten();
        Assert.Equal(12, model.NumErrors);
        var exact = ExactOutcomeDistribution(model);
        var (dets, obs) = new DemSampler(model).Sample(shots, seed);
        var counts = new long[Outcomes];
        for (int s = 0; s < shots; s++)
        {
            counts[dets[s] | obs[s] << Detectors]++;
        }
        double worst = 0;
        for (int o = 0; o < Outcomes; o++)
        {
            if (exact[o] == 0)
            {
                Assert.True(counts[o] == 0, $"impossible outcome {o} occurred {counts[o]} times");
                continue;
            }
            double z = Math.Abs(counts[o] - shots * exact[o]) / Math.Sqrt(shots * exact[o] * (1 - exact[o]));
            worst = Math.Max(worst, z);
            Assert.True(z < 5, $"outcome {o}: {counts[o]} vs expected {shots * exact[o]:F1} ({z:F2}σ)");
        }
        output.WriteLine($"worst outcome deviation {worst:F2}σ over {Outcomes} outcomes");
    }

    /// <summary>
    /// Successive shots are independent: the geometric skips run across shot boundaries, so a bias
    /// there would correlate shot s with shot s+1. P(D0 in s and D0 in s+1) must be P(D0)².
    /// </summary>
    [Fact]
    public void ConsecutiveShotsAreIndependent()
    {
        var model = DetectorErrorModel.Parse("error(0.3) D0\nerror(0.3) D1\nerror(0.3) D0 D1").Flatten();
        const int shots = 1_000_000;
        var (dets, _) = new DemSampler(model).Sample(shots, 9);
        double p0 = SampleStatistics.ExactMarginals(model)[0];
        long both = 0;
        for (int s = 0; s + 1 < shots; s++)
        {
            both += dets[s] & dets[s + 1] & 1;
        }
        double expected = (shots - 1) * p0 * p0;
        double sigma = Math.Sqrt(expected * (1 - p0 * p0));
        Assert.True(Math.Abs(both - expected) < 5 * sigma, $"{both} pairs vs expected {expected:F0} (σ = {sigma:F0})");
    }

    /// <summary>A very rare mechanism: skips of ~10^5 shots cross many blocks; the count is Poisson(N·p).</summary>
    [Fact]
    public void RareMechanismFiresAtItsRateAcrossManyBlocks()
    {
        var model = DetectorErrorModel.Parse("error(2e-5) D3 L0\nerror(0.01) D0").Flatten();
        const int shots = 20_000_000;
        var sampler = new DemSampler(model);
        long fired = 0, mismatched = 0;
        sampler.SampleBatches(shots, 11, (dets, obs, n) =>
        {
            for (int s = 0; s < n; s++)
            {
                fired += dets[s] >> 3 & 1;
                mismatched += (dets[s] >> 3 ^ obs[s]) & 1;
            }
        }, batchShots: 1 << 16);
        Assert.Equal(0, mismatched);
        double expected = shots * 2e-5;
        Assert.True(Math.Abs(fired - expected) < 5 * Math.Sqrt(expected), $"{fired} hits vs expected {expected}");
    }

    /// <summary>
    /// Mechanisms with more targets than their group's record holds go through the overflow table;
    /// a detector named twice in one mechanism cancels. Marginals within 5σ at 400,000 shots.
    /// </summary>
    [Fact]
    public void LongMechanismsSampleCorrectly()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("error(0.2) D0 D1");
        text.AppendLine("error(0.2) D2 D3 D4 D5 D6 D7 D8 D9 D10 D11 D12 L0 L3");
        text.AppendLine("error(0.2) D1 D2");
        text.AppendLine("error(0.05) D0 D3 D6 D9 D12 D15 D18 D21 D24 D27 D30 D33 D36 D39 D0 L2");
        text.AppendLine("error(0.05) D39 D40");
        var model = DetectorErrorModel.Parse(text.ToString()).Flatten();
        var sampler = new DemSampler(model);
        Assert.NotEmpty(sampler.Tables.Overflow);
        const int shots = 400_000;
        var (dets, obs) = sampler.Sample(shots, 21);
        var counts = SampleStatistics.CountBits(dets, shots, model.NumDetectors)
            .Concat(SampleStatistics.CountBits(obs, shots, model.NumObservables)).ToArray();
        var marginals = SampleStatistics.ExactMarginals(model);
        Assert.Equal(0.2, marginals[0], 12); // the fourth error names D0 twice: no net flip
        var (worst, bit) = SampleStatistics.WorstDeviation(counts, marginals, shots);
        Assert.True(worst < 5, $"bit {bit} deviates by {worst:F2}σ");
    }
}

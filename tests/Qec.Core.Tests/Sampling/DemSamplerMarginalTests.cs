using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Sampling;

/// <summary>
/// Every detector's and observable's firing frequency matches its exact marginal
/// (1 − Π(1 − 2p_i))/2 within 5 binomial standard deviations, at 10^6 shots per model (every model:
/// sampling and counting take well under a second each). With ~100 bits per model and a fixed seed,
/// a correct sampler exceeds 5σ with probability below 10^-4 per model. Power: σ/P ≈ 1/√(N·P), so
/// for a marginal P ≈ 10^-2 a relative bias of 5% is caught; the hand model of
/// <see cref="DemSamplerDistributionTests"/> checks whole joint distributions.
/// </summary>
public sealed class DemSamplerMarginalTests(ITestOutputHelper output)
{
    private const int Shots = 1_000_000;
    private const double Tolerance = 5.0;

    [Theory]
    [InlineData("sc_rmz_d05_r05_p0.001.dem", 101UL)]
    [InlineData("sc_rmz_d05_r05_p0.003.dem", 102UL)]
    [InlineData("sc_rmz_d05_r05_p0.005.dem", 103UL)]
    [InlineData("sc_rmz_d05_r05_p0.007.dem", 104UL)]
    [InlineData("sc_cc_d05_r01_p0.05.dem", 105UL)]
    [InlineData("sc_cc_d05_r01_p0.10.dem", 106UL)]
    [InlineData("sc_cc_d05_r01_p0.15.dem", 107UL)]
    public void ReferenceModelMarginalsMatchExact(string file, ulong seed)
    {
        var model = DetectorErrorModel.Load(TestPaths.Data(Path.Combine("sampling", file))).Flatten();
        CheckMarginals(model, seed, file);
    }

    [Theory]
    [InlineData(3, NoiseModel.CodeCapacity, 0.05)]
    [InlineData(4, NoiseModel.CodeCapacity, 0.1)]
    [InlineData(5, NoiseModel.CodeCapacity, 0.15)]
    [InlineData(3, NoiseModel.CodeCapacityDepolarizing, 0.1)]
    [InlineData(5, NoiseModel.CodeCapacityDepolarizing, 0.3)]
    public void GeneratedCodeCapacityMarginalsMatchExact(int distance, NoiseModel noise, double p)
    {
        var model = CodeGenerators.RotatedSurfaceCode(distance, 1, noise, p).Flatten();
        CheckMarginals(model, (ulong)(1000 * distance + (int)noise), $"surface d={distance} {noise} p={p}");
    }

    [Fact]
    public void GeneratedPhenomenologicalMarginalsMatchExact()
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 3, NoiseModel.Phenomenological, 0.02).Flatten();
        CheckMarginals(model, 77, "surface d=3 r=3 phenomenological p=0.02");
    }

    private void CheckMarginals(FlatDetectorErrorModel model, ulong seed, string name)
    {
        var sampler = new DemSampler(model);
        var (dets, obs) = sampler.Sample(Shots, seed);
        var marginals = SampleStatistics.ExactMarginals(model);
        var detCounts = SampleStatistics.CountBits(dets, Shots, model.NumDetectors);
        var obsCounts = SampleStatistics.CountBits(obs, Shots, model.NumObservables);
        var counts = detCounts.Concat(obsCounts).ToArray();
        var (worst, bit) = SampleStatistics.WorstDeviation(counts, marginals, Shots);
        output.WriteLine($"{name}: {counts.Length} bits, worst deviation {worst:F2}σ at bit {bit} " +
            $"(count {counts[bit]}, expected {Shots * marginals[bit]:F1})");
        Assert.True(worst < Tolerance, $"{name}: bit {bit} deviates by {worst:F2}σ");
        Assert.False(SampleStatistics.PaddingSet(dets, Shots, model.NumDetectors), "detector padding bits set");
        Assert.False(SampleStatistics.PaddingSet(obs, Shots, model.NumObservables), "observable padding bits set");
    }
}

using Qec.StatMech.Boltzmann;

namespace Qec.StatMech.Tests.Boltzmann;

public class RbmTests
{
    private static BinaryRbm RandomRbm(int visible, int hidden, int seed)
    {
        var rbm = new BinaryRbm(visible, hidden, seed, weightScale: 0.8);
        var random = new Random(seed + 100);
        for (var i = 0; i < visible; i++) rbm.VisibleBias[i] = random.NextDouble() - 0.5;
        for (var j = 0; j < hidden; j++) rbm.HiddenBias[j] = random.NextDouble() - 0.5;
        return rbm;
    }

    private static byte[] Bits(int state, int count) => Enumerable.Range(0, count).Select(k => (byte)((state >> k) & 1)).ToArray();

    /// <summary>ln Z against the brute-force double sum over both layers, with either layer the smaller.</summary>
    [Theory]
    [InlineData(4, 3)]
    [InlineData(3, 5)]
    public void ExactLogPartitionEqualsBruteForce(int visible, int hidden)
    {
        var rbm = RandomRbm(visible, hidden, seed: 2);
        var z = 0.0;
        for (var v = 0; v < 1 << visible; v++)
        for (var h = 0; h < 1 << hidden; h++)
            z += Math.Exp(-rbm.Energy(Bits(v, visible), Bits(h, hidden)));
        Assert.Equal(Math.Log(z), RbmLikelihood.LogPartition(rbm), 1e-12);
        var data = new List<byte[]> { Bits(5, visible), Bits(2, visible) };
        var expected = data.Average(v => Math.Log(Enumerable.Range(0, 1 << hidden).Sum(h => Math.Exp(-rbm.Energy(v, Bits(h, hidden)))) / z));
        Assert.Equal(expected, RbmLikelihood.MeanLogLikelihood(rbm, data), 1e-12);
    }

    /// <summary>The exact gradient against central finite differences of the exact log-likelihood.</summary>
    [Theory]
    [InlineData(5, 3)]
    [InlineData(3, 4)]
    public void ExactGradientMatchesFiniteDifferences(int visible, int hidden)
    {
        var rbm = RandomRbm(visible, hidden, seed: 6);
        var data = new List<byte[]> { Bits(1, visible), Bits(6, visible), Bits(7, visible) };
        var gradient = RbmLikelihood.Gradient(rbm, data);
        const double step = 1e-5;
        void Check(double[] parameters, double[] analytic)
        {
            for (var k = 0; k < parameters.Length; k++)
            {
                var keep = parameters[k];
                parameters[k] = keep + step;
                var up = RbmLikelihood.MeanLogLikelihood(rbm, data);
                parameters[k] = keep - step;
                var down = RbmLikelihood.MeanLogLikelihood(rbm, data);
                parameters[k] = keep;
                Assert.Equal((up - down) / (2 * step), analytic[k], 1e-8);
            }
        }
        Check(rbm.Weights, gradient.Weights);
        Check(rbm.VisibleBias, gradient.VisibleBias);
        Check(rbm.HiddenBias, gradient.HiddenBias);
    }

    [Theory]
    [InlineData(2, 6)]
    [InlineData(3, 14)]
    [InlineData(4, 30)]
    public void BarsAndStripesHasTwoToTheNPlusOneMinusTwoDistinctPatterns(int size, int count)
    {
        var patterns = BarsAndStripes.Patterns(size);
        Assert.Equal(count, patterns.Count);
        Assert.Equal(count, patterns.Select(p => string.Concat(p)).Distinct().Count());
    }

    /// <summary>3x3 bars-and-stripes (optimum −ln 14 = −2.639), 16 hidden units, full batch, η = 0.05 annealed, fixed
    /// seed: from the untrained ≈ −9 ln 2 = −6.24, PCD reaches the acceptance bound −3.0 and CD-1 passes −3.3.</summary>
    [Theory]
    [InlineData(true, -3.0)]
    [InlineData(false, -3.3)]
    public void TrainingOnThreeByThreeBarsAndStripesImprovesTheExactLikelihood(bool persistent, double bound)
    {
        var data = BarsAndStripes.Patterns(3);
        var rbm = new BinaryRbm(9, 16, seed: 1);
        var before = RbmLikelihood.MeanLogLikelihood(rbm, data);
        RbmTrainer.Train(rbm, data, new RbmTrainingOptions(Persistent: persistent, LearningRate: 0.05, Momentum: 0.5, BatchSize: 14, Chains: 100, Epochs: 10_000, Seed: 3));
        var after = RbmLikelihood.MeanLogLikelihood(rbm, data);
        Assert.Equal(-9 * Math.Log(2), before, 0.05);
        Assert.True(after > bound, $"mean log-likelihood {after}");
        Assert.True(after <= -Math.Log(14) + 1e-9);
    }
}

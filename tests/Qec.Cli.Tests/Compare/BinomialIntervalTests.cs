using Qec.Cli.Compare;

namespace Qec.Cli.Tests.Compare;

public sealed class BinomialIntervalTests
{
    /// <summary>
    /// By hand, z = 1.96: n + z² = 103.8416, centre = (10 + 1.9208)/103.8416 = 0.114797,
    /// half = 1.96/103.8416 · √(10·90/100 + 0.9604) = 0.0188749 · 3.1560101 = 0.0595694, so [0.0552285, 0.1743673].
    /// For 0/100: high = z²/(n + z²) = 3.8416/103.8416 = 0.036995.
    /// </summary>
    [Theory]
    [InlineData(10, 100, 0.1, 0.0552285, 0.1743673)]
    [InlineData(0, 100, 0.0, 0.0, 0.0369948)]
    [InlineData(100, 100, 1.0, 0.9630052, 1.0)]
    public void WilsonMatchesTheHandComputedInterval(long k, long n, double estimate, double low, double high)
    {
        var r = BinomialInterval.Wilson(k, n, 1.96);
        Assert.Equal(estimate, r.Estimate, 12);
        Assert.Equal(low, r.Low, tolerance: 1e-7);   // the hand values carry seven digits
        Assert.Equal(high, r.High, tolerance: 1e-7);
    }

    [Fact]
    public void TheLikelihoodIntervalOfZeroErrorsHasAClosedForm()
    {
        // L(q)/L(0) = (1-q)^n ≥ 1/1000  ⇔  q ≤ 1 − 1000^(−1/n).
        var r = BinomialInterval.Likelihood(0, 1000, 1000);
        Assert.Equal(0, r.Low);
        Assert.Equal(1 - Math.Pow(1000, -1.0 / 1000), r.High, 12);
    }

    [Fact]
    public void TheLikelihoodIntervalEndsHaveTheRequiredRatio()
    {
        var r = BinomialInterval.Likelihood(30, 1000, 1000);
        static double LogL(double q) => 30 * Math.Log(q) + 970 * Math.Log(1 - q);
        Assert.Equal(-Math.Log(1000), LogL(r.Low) - LogL(0.03), 9);
        Assert.Equal(-Math.Log(1000), LogL(r.High) - LogL(0.03), 9);
        Assert.True(r.Low < 0.03 && r.High > 0.03);
    }

    [Theory]
    [InlineData(0.1, 5, 0.0218238)]   // (1 − 0.8^(1/5))/2 = (1 − 0.9563525)/2
    [InlineData(0.1, 1, 0.1)]
    [InlineData(0.0, 7, 0.0)]
    [InlineData(0.9, 5, 0.9781762)]   // mirrored
    public void PerRoundRatesInvertTheRepeatedChannel(double perShot, double rounds, double expected)
    {
        double q = BinomialInterval.PerRound(perShot, rounds);
        Assert.Equal(expected, q, tolerance: 1e-7);
        if (perShot <= 0.5)
        {
            // Forward check: r rounds of a q channel flip the logical with probability perShot.
            Assert.Equal(perShot, (1 - Math.Pow(1 - 2 * q, rounds)) / 2, 12);
        }
    }
}

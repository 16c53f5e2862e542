using Qec.Server.Load;

namespace Qec.Server.Tests.Load;

public class PercentilesTests
{
    // Nearest rank on 1..n: the q-quantile is ceil(q·n).
    [Theory]
    [InlineData(1000, 500, 900, 990, 999)]
    [InlineData(10, 5, 9, 10, 10)]
    [InlineData(1, 1, 1, 1, 1)]
    public void NearestRankOnOneToN(int n, long p50, long p90, long p99, long p999)
    {
        var samples = Enumerable.Range(1, n).Select(i => (long)i).Reverse().ToArray();
        var p = Percentiles.Of(samples, 1.0);
        Assert.Equal(n, p.Count);
        Assert.Equal(p50, p.P50);
        Assert.Equal(p90, p.P90);
        Assert.Equal(p99, p.P99);
        Assert.Equal(p999, p.P999);
        Assert.Equal(n, p.Max);
        Assert.Equal((n + 1) / 2.0, p.Mean, 12);
    }

    [Fact]
    public void ScaleConvertsUnits()
    {
        var p = Percentiles.Of([2000, 4000], 1e-3);
        Assert.Equal(2.0, p.P50);
        Assert.Equal(4.0, p.Max);
    }

    [Fact]
    public void NoSamplesGiveNaN() => Assert.True(double.IsNaN(Percentiles.Of([], 1).P50));
}

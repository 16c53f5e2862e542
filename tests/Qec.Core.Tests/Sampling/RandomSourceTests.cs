using Qec.Core.Sampling;

namespace Qec.Core.Tests.Sampling;

/// <summary>The generators behind the sampler against published vectors and exact distributions.</summary>
public sealed class RandomSourceTests
{
    /// <summary>Outputs of the reference C implementation (prng.di.unimi.it) from state {1, 2, 3, 4}.</summary>
    [Fact]
    public void XoshiroMatchesReferenceVector()
    {
        var rng = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    /// <summary>SplitMix64 from state 0: the widely published first outputs.</summary>
    [Fact]
    public void SplitMixMatchesReferenceVector()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Fact]
    public void NextDoubleIsInUnitInterval()
    {
        var rng = new Xoshiro256StarStar(7);
        double sum = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
        }
        Assert.InRange(sum / 100_000, 0.5 - 5 * 0.2887 / 316.2, 0.5 + 5 * 0.2887 / 316.2);
    }

    /// <summary>
    /// The ziggurat's Exponential(1) against the exact CDF 1 − e^−x in bins chosen to separate its
    /// regions: the fast boxes, the wedges of the top layers (x &lt; 0.05), the base box near r ≈ 7.697
    /// and the tail beyond r. Each bin's count is within 5σ of N·P(bin); 4·10^6 draws.
    /// </summary>
    [Fact]
    public void ZigguratExponentialMatchesCdf()
    {
        double[] edges = [0, 0.001, 0.01, 0.05, 0.2, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 7.5, 7.697, 7.69711747013104972, 8, 9, 10, 12, double.PositiveInfinity];
        var counts = new long[edges.Length - 1];
        var rng = new Xoshiro256StarStar(12345);
        const int draws = 4_000_000;
        for (int i = 0; i < draws; i++)
        {
            double x = ExponentialZiggurat.Next(ref rng);
            Assert.True(x >= 0, "negative exponential variate");
            int bin = Array.BinarySearch(edges, x);
            bin = bin >= 0 ? bin : ~bin - 1;
            counts[bin]++;
        }
        for (int b = 0; b < counts.Length; b++)
        {
            double p = Math.Exp(-edges[b]) - (double.IsPositiveInfinity(edges[b + 1]) ? 0 : Math.Exp(-edges[b + 1]));
            double expected = draws * p;
            double sigma = Math.Sqrt(draws * p * (1 - p));
            Assert.True(Math.Abs(counts[b] - expected) <= 5 * sigma + 1e-9,
                $"bin [{edges[b]}, {edges[b + 1]}): {counts[b]} vs expected {expected:F1} (σ = {sigma:F1})");
        }
    }
}

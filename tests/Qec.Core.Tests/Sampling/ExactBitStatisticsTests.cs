using System.Globalization;
using Qec.Core.Dem;
using Qec.Core.Sampling;

namespace Qec.Core.Tests.Sampling;

/// <summary>
/// <see cref="ExactBitStatistics"/> against brute force: every one of the 2^m on/off patterns of m mechanisms,
/// weighted by its probability, gives each bit's marginal and each pair's joint exactly.
/// </summary>
public sealed class ExactBitStatisticsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MarginalsAndJointsEqualEnumeration(int seed)
    {
        var rng = new Random(seed);
        const int detectors = 6, observables = 2, mechanisms = 12;
        var lines = new List<string>();
        for (int m = 0; m < mechanisms; m++)
        {
            // p = 1/2 and p > 1/2 once each (products are formed directly, so both are exact).
            double p = m == 0 ? 0.5 : m == 1 ? 0.8 : rng.NextDouble() * 0.3;
            var targets = new List<string>();
            int count = rng.Next(1, 5);
            for (int t = 0; t < count; t++)
            {
                targets.Add(rng.Next(4) == 0 ? $"L{rng.Next(observables)}" : $"D{rng.Next(detectors)}");
                if (t + 1 < count && rng.Next(3) == 0)
                {
                    targets.Add("^"); // components XOR together; a repeated target cancels
                }
            }
            lines.Add($"error({p.ToString("R", CultureInfo.InvariantCulture)}) {string.Join(' ', targets)}");
        }
        lines.Add($"detector D{detectors - 1}");
        lines.Add($"logical_observable L{observables - 1}");
        var flat = DetectorErrorModel.Parse(string.Join('\n', lines)).Flatten();
        var stats = ExactBitStatistics.Of(flat);
        Assert.Equal(detectors + observables, stats.NumBits);

        int bits = stats.NumBits;
        var masks = new int[flat.NumErrors];
        for (int e = 0; e < flat.NumErrors; e++)
        {
            foreach (var target in flat.Targets(e))
            {
                if (target.Kind != DemTargetKind.Separator)
                {
                    masks[e] ^= 1 << (target.Kind == DemTargetKind.Detector ? (int)target.Index : detectors + (int)target.Index);
                }
            }
        }
        var marginal = new double[bits];
        var joint = new double[bits, bits];
        for (int pattern = 0; pattern < 1 << flat.NumErrors; pattern++)
        {
            double weight = 1;
            int flipped = 0;
            for (int e = 0; e < flat.NumErrors; e++)
            {
                bool on = ((pattern >> e) & 1) != 0;
                weight *= on ? flat.Probability(e) : 1 - flat.Probability(e);
                flipped ^= on ? masks[e] : 0;
            }
            for (int a = 0; a < bits; a++)
            {
                if (((flipped >> a) & 1) == 0)
                {
                    continue;
                }
                marginal[a] += weight;
                for (int b = 0; b < bits; b++)
                {
                    joint[a, b] += ((flipped >> b) & 1) * weight;
                }
            }
        }
        for (int a = 0; a < bits; a++)
        {
            Assert.Equal(marginal[a], stats.Marginal(a), 12);
            for (int b = 0; b < bits; b++)
            {
                Assert.Equal(joint[a, b], stats.Joint(a, b), 12);
            }
        }
    }

    [Fact]
    public void BitsSharingNoMechanismAreIndependent()
    {
        var stats = ExactBitStatistics.Of(DetectorErrorModel.Parse("error(0.1) D0 D1\nerror(0.2) D2\nerror(0.3) D1 ^ D1").Flatten());
        Assert.True(stats.Correlated(0, 1));
        Assert.False(stats.Correlated(1, 2));
        Assert.Equal(0.1, stats.Joint(0, 1), 15);
        Assert.Equal(0.1 * 0.2, stats.Joint(1, 2), 15);
        Assert.Equal(0.1, stats.Marginal(1), 15); // D1 ^ D1 flips nothing
    }
}

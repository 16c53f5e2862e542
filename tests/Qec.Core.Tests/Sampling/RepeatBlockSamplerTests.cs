using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Sampling;

/// <summary>
/// The repeat-block sampler walks the model unflattened; its detector and observable marginals must
/// match the exact ones, ½(1 − Π(1 − 2pᵢ)) over the errors that flip the target (an odd number of
/// firings), computed from the flattened model, within 5σ.
/// </summary>
public sealed class RepeatBlockSamplerTests
{
    [Theory]
    [InlineData("rep_mem_d05_r10000_p0.01", 30UL, 20_000)]
    [InlineData("sc_rmz_d05_r1000_p0.001", 6UL, 20_000)]
    public void MarginalsMatchTheExactOnes(string name, ulong count, int shots)
    {
        var model = WithCount(DetectorErrorModel.Load(TestPaths.Data("streaming/" + name + ".dem")), count);
        var flat = model.Flatten();
        var keep = new double[flat.NumDetectors + 1]; // Π(1 − 2p) per detector, last = observable 0
        Array.Fill(keep, 1.0);
        var parity = new int[flat.NumDetectors + 1];
        for (int e = 0; e < flat.NumErrors; e++)
        {
            // A decomposed error flips a target named in an odd number of its components.
            foreach (var t in flat.Targets(e))
            {
                int at = t.Kind == DemTargetKind.Detector ? (int)t.Index : t.Kind == DemTargetKind.Observable && t.Index == 0 ? flat.NumDetectors : -1;
                if (at >= 0)
                {
                    parity[at] ^= 1;
                }
            }
            foreach (var t in flat.Targets(e))
            {
                int at = t.Kind == DemTargetKind.Detector ? (int)t.Index : t.Kind == DemTargetKind.Observable && t.Index == 0 ? flat.NumDetectors : -1;
                if (at >= 0 && parity[at] == 1)
                {
                    keep[at] *= 1 - (2 * flat.Probability(e));
                    parity[at] = 0;
                }
            }
        }
        var sampler = new RepeatBlockSampler(model, 7);
        Assert.Equal(flat.NumDetectors, sampler.NumDetectors);
        var counts = new int[flat.NumDetectors + 1];
        var shot = new byte[sampler.DetectorBytes];
        for (int s = 0; s < shots; s++)
        {
            counts[^1] += (int)(sampler.Sample(shot) & 1);
            for (int d = 0; d < flat.NumDetectors; d++)
            {
                counts[d] += (shot[d >> 3] >> (d & 7)) & 1;
            }
        }
        for (int i = 0; i < counts.Length; i++)
        {
            double p = (1 - keep[i]) / 2;
            double sigma = Math.Sqrt(shots * p * (1 - p));
            Assert.True(Math.Abs(counts[i] - (shots * p)) <= (5 * sigma) + 1, $"target {i}: {counts[i]} of {shots}, expected {shots * p:F1} ± {sigma:F1}");
        }
    }

    [Fact]
    public void SameSeedSameShots()
    {
        var model = WithCount(DetectorErrorModel.Load(TestPaths.Data("streaming/rep_mem_d05_r10000_p0.01.dem")), 50);
        var a = new RepeatBlockSampler(model, 3);
        var b = new RepeatBlockSampler(model, 3);
        var c = new RepeatBlockSampler(model, 4);
        byte[] x = new byte[a.DetectorBytes], y = new byte[a.DetectorBytes], z = new byte[a.DetectorBytes];
        bool differs = false;
        for (int s = 0; s < 20; s++)
        {
            Assert.Equal(a.Sample(x), b.Sample(y));
            c.Sample(z);
            Assert.Equal(x, y);
            differs |= !x.AsSpan().SequenceEqual(z);
        }
        Assert.True(differs, "another seed gave the same 20 shots");
        Assert.Throws<ArgumentException>(() => a.Sample(new byte[a.DetectorBytes - 1]));
    }

    private static DetectorErrorModel WithCount(DetectorErrorModel m, ulong count) =>
        Qec.Core.Decoding.Streaming.StreamingModels.WithRepeatCount(m, count);
}

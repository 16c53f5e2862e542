using Qec.Core.Dem;

namespace Qec.Core.Tests.Sampling;

/// <summary>
/// Exact marginals of a detector error model and the counts of sampled shots, computed
/// independently of the sampler: straight from the flattened model's targets.
/// </summary>
internal static class SampleStatistics
{
    /// <summary>
    /// P(bit fires) for every detector (first NumDetectors entries) and observable (the rest): the XOR
    /// of independent mechanisms, (1 − Π(1 − 2p_i))/2 over the mechanisms that name the bit an odd
    /// number of times.
    /// </summary>
    public static double[] ExactMarginals(FlatDetectorErrorModel model)
    {
        var product = new double[model.NumDetectors + model.NumObservables];
        Array.Fill(product, 1.0);
        for (int e = 0; e < model.NumErrors; e++)
        {
            var parity = new Dictionary<int, int>();
            foreach (var t in model.Targets(e))
            {
                int bit = t.Kind switch
                {
                    DemTargetKind.Detector => (int)t.Index,
                    DemTargetKind.Observable => model.NumDetectors + (int)t.Index,
                    _ => -1,
                };
                if (bit >= 0)
                {
                    parity[bit] = parity.GetValueOrDefault(bit) ^ 1;
                }
            }
            foreach (var (bit, odd) in parity)
            {
                if (odd == 1)
                {
                    product[bit] *= 1 - 2 * model.Probability(e);
                }
            }
        }
        var marginals = new double[product.Length];
        for (int i = 0; i < product.Length; i++)
        {
            marginals[i] = (1 - product[i]) / 2;
        }
        return marginals;
    }

    /// <summary>How many shots have each bit set, from b8 shot-major data with <paramref name="bits"/> bits per shot.</summary>
    public static long[] CountBits(ReadOnlySpan<byte> data, int shots, int bits)
    {
        int bytesPerShot = (bits + 7) / 8;
        var counts = new long[bits];
        for (int s = 0; s < shots; s++)
        {
            var shot = data.Slice(s * bytesPerShot, bytesPerShot);
            for (int b = 0; b < bytesPerShot; b++)
            {
                int value = shot[b];
                while (value != 0)
                {
                    int bit = System.Numerics.BitOperations.TrailingZeroCount(value);
                    counts[b * 8 + bit]++;
                    value &= value - 1;
                }
            }
        }
        return counts;
    }

    /// <summary>
    /// The largest |observed − expected| / σ over the bits, σ = √(N·P·(1 − P)) (binomial); a bit with
    /// P = 0 or 1 must match exactly (any deviation gives +∞).
    /// </summary>
    public static (double WorstSigma, int WorstBit) WorstDeviation(long[] counts, double[] marginals, long shots)
    {
        double worst = 0;
        int worstBit = -1;
        for (int i = 0; i < counts.Length; i++)
        {
            double expected = shots * marginals[i];
            double sigma = Math.Sqrt(shots * marginals[i] * (1 - marginals[i]));
            double deviation = Math.Abs(counts[i] - expected);
            double z = sigma > 0 ? deviation / sigma : (deviation > 0.5 ? double.PositiveInfinity : 0);
            if (z > worst || worstBit < 0)
            {
                worst = z;
                worstBit = i;
            }
        }
        return (worst, worstBit);
    }

    /// <summary>True when any bit beyond <paramref name="bits"/> in a shot's padding is set.</summary>
    public static bool PaddingSet(ReadOnlySpan<byte> data, int shots, int bits)
    {
        int bytesPerShot = (bits + 7) / 8;
        if (bits % 8 == 0)
        {
            return false;
        }
        byte padding = (byte)(0xFF << (bits % 8));
        for (int s = 0; s < shots; s++)
        {
            if ((data[s * bytesPerShot + bytesPerShot - 1] & padding) != 0)
            {
                return true;
            }
        }
        return false;
    }
}

namespace Qec.Server.Load;

/// <summary>Order statistics of all samples (nearest rank on the sorted samples; no averaging of percentiles).</summary>
/// <param name="Count">Samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Mean">Arithmetic mean.</param>
public sealed record Percentiles(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    /// <summary>Sorts <paramref name="samples"/> in place and reads the percentiles, scaled by <paramref name="scale"/>.</summary>
    public static Percentiles Of(long[] samples, double scale)
    {
        if (samples.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        Array.Sort(samples);
        double sum = 0;
        foreach (long s in samples)
        {
            sum += s;
        }
        return new Percentiles(samples.Length,
            Rank(samples, 0.5) * scale, Rank(samples, 0.9) * scale, Rank(samples, 0.99) * scale, Rank(samples, 0.999) * scale,
            samples[^1] * scale, sum / samples.Length * scale);
    }

    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    private static long Rank(long[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}

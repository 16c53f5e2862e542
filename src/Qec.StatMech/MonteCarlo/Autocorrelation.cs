namespace Qec.StatMech.MonteCarlo;

/// <summary>
/// Error analysis of correlated Monte Carlo series. The integrated autocorrelation time
/// τ_int = ½ + Σ_{t≥1} ρ(t) is summed up to the first window M with M ≥ c τ_int(M) (Sokal's automatic windowing,
/// A. D. Sokal, "Monte Carlo methods in statistical mechanics", Cargèse lectures 1996, sec. 3; c = 6 there), so the
/// error of a mean of S samples is σ √(2 τ_int / S). Quantities that are not means (the specific heat) take a
/// jackknife over bins much longer than τ_int.
/// </summary>
public static class Autocorrelation
{
    /// <summary>Sokal's window constant c.</summary>
    public const double DefaultWindowFactor = 6;

    /// <summary>τ_int of <paramref name="series"/> and the window M it used; M = S/2 (reached) means "at least this".</summary>
    public static (double Tau, int Window) IntegratedTime(ReadOnlySpan<double> series, double windowFactor = DefaultWindowFactor)
    {
        var count = series.Length;
        if (count < 4) return (0.5, 0);
        var mean = 0.0;
        foreach (var x in series) mean += x;
        mean /= count;
        var centered = new double[count];
        var variance = 0.0;
        for (var t = 0; t < count; t++)
        {
            centered[t] = series[t] - mean;
            variance += centered[t] * centered[t];
        }
        variance /= count;
        if (variance <= 0) return (0.5, 0);
        var tau = 0.5;
        for (var lag = 1; lag < count / 2; lag++)
        {
            var sum = 0.0;
            for (var t = 0; t + lag < count; t++) sum += centered[t] * centered[t + lag];
            tau += sum / (count - lag) / variance;
            if (lag >= windowFactor * tau) return (Math.Max(tau, 0.5), lag);
        }
        return (Math.Max(tau, 0.5), count / 2);
    }

    /// <summary>The variance ⟨x²⟩ − ⟨x⟩² of the pooled samples and its jackknife error over <paramref name="bins"/> equal
    /// blocks of every series (B. Efron 1982; blocks ≫ τ_int make them nearly independent): leave one block out,
    /// recompute from block sums, σ² = (B − 1)/B Σ (v_b − v̄)².</summary>
    public static (double Variance, double Error) VarianceJackknife(IReadOnlyList<double[]> series, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var sums = new List<(double Count, double Sum, double Squares)>();
        foreach (var x in series)
        {
            var length = x.Length / bins;
            for (var b = 0; b < bins && length > 0; b++)
            {
                double sum = 0, squares = 0;
                for (var t = b * length; t < (b + 1) * length; t++)
                {
                    sum += x[t];
                    squares += x[t] * x[t];
                }
                sums.Add((length, sum, squares));
            }
        }
        if (sums.Count < 2) throw new ArgumentException("too few samples for a jackknife", nameof(series));
        double n = 0, s1 = 0, s2 = 0;
        foreach (var (count, sum, squares) in sums)
        {
            n += count;
            s1 += sum;
            s2 += squares;
        }
        static double Variance(double n, double s1, double s2) => s2 / n - s1 / n * (s1 / n);
        var leaveOut = new double[sums.Count];
        var mean = 0.0;
        for (var b = 0; b < sums.Count; b++)
        {
            leaveOut[b] = Variance(n - sums[b].Count, s1 - sums[b].Sum, s2 - sums[b].Squares);
            mean += leaveOut[b];
        }
        mean /= sums.Count;
        var spread = 0.0;
        foreach (var v in leaveOut) spread += (v - mean) * (v - mean);
        return (Variance(n, s1, s2), Math.Sqrt((sums.Count - 1.0) / sums.Count * spread));
    }
}

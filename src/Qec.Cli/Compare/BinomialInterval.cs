namespace Qec.Cli.Compare;

/// <summary>An estimate of a rate with a confidence interval: Low ≤ Estimate ≤ High, all in [0, 1].</summary>
public readonly record struct RateEstimate(double Estimate, double Low, double High);

/// <summary>
/// Confidence intervals for a binomial rate (k errors in n shots) and the conversion of a per-shot
/// error rate to a per-round one.
/// </summary>
public static class BinomialInterval
{
    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson's score interval (E. B. Wilson, "Probable inference, the law of succession, and
    /// statistical inference", JASA 22, 1927): with p̂ = k/n,
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays inside
    /// [0, 1] and is not empty at k = 0 (then High = z²/(n + z²)).
    /// </summary>
    public static RateEstimate Wilson(long errors, long shots, double z = Z95)
    {
        Check(errors, shots);
        if (shots == 0)
        {
            return new RateEstimate(double.NaN, 0, 1);
        }
        double n = shots, k = errors, z2 = z * z;
        double center = (k + z2 / 2) / (n + z2);
        double half = z / (n + z2) * Math.Sqrt(k * (n - k) / n + z2 / 4);
        return new RateEstimate(k / n, Math.Max(0, center - half), Math.Min(1, center + half));
    }

    /// <summary>
    /// The likelihood-ratio interval sinter draws: every rate q with L(q)/L(p̂) ≥ 1/<paramref name="ratio"/>,
    /// L(q) = q^k (1−q)^(n−k). Found by bisection on each side of p̂ (60 halvings: exact to double precision).
    /// </summary>
    public static RateEstimate Likelihood(long errors, long shots, double ratio = 1000)
    {
        Check(errors, shots);
        if (!(ratio > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "likelihood ratio must be above 1");
        }
        if (shots == 0)
        {
            return new RateEstimate(double.NaN, 0, 1);
        }
        double pHat = (double)errors / shots;
        double floor = LogLikelihood(errors, shots, pHat) - Math.Log(ratio);
        double low = errors == 0 ? 0 : Bisect(errors, shots, floor, 0, pHat);
        double high = errors == shots ? 1 : Bisect(errors, shots, floor, 1, pHat);
        return new RateEstimate(pHat, low, high);
    }

    /// <summary>
    /// The per-round error rate of a shot error rate over <paramref name="rounds"/> rounds, as sinter's
    /// <c>shot_error_rate_to_piece_error_rate</c>: if each round independently flips the logical with
    /// probability q, a shot ends flipped with P = (1 − (1 − 2q)^r)/2, so q = (1 − (1 − 2P)^(1/r))/2.
    /// Rates above 1/2 are mirrored (P → 1 − P). Monotone, so it maps interval ends to interval ends.
    /// </summary>
    public static double PerRound(double shotErrorRate, double rounds)
    {
        if (double.IsNaN(shotErrorRate))
        {
            return double.NaN;
        }
        if (!(rounds >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "rounds must be at least 1");
        }
        if (shotErrorRate > 0.5)
        {
            return 1 - PerRound(1 - shotErrorRate, rounds);
        }
        return (1 - Math.Pow(1 - 2 * shotErrorRate, 1 / rounds)) / 2;
    }

    /// <summary>The estimate and interval ends mapped to per-round rates.</summary>
    public static RateEstimate PerRound(RateEstimate perShot, double rounds) =>
        new(PerRound(perShot.Estimate, rounds), PerRound(perShot.Low, rounds), PerRound(perShot.High, rounds));

    private static double LogLikelihood(long k, long n, double q)
    {
        double a = k == 0 ? 0 : k * Math.Log(q);
        double b = n - k == 0 ? 0 : (n - k) * Math.Log(1 - q);
        return a + b;
    }

    /// <summary>The q between <paramref name="outside"/> and <paramref name="inside"/> where the log-likelihood crosses <paramref name="floor"/>.</summary>
    private static double Bisect(long k, long n, double floor, double outside, double inside)
    {
        for (int i = 0; i < 60; i++)
        {
            double mid = (outside + inside) / 2;
            if (LogLikelihood(k, n, mid) >= floor)
            {
                inside = mid;
            }
            else
            {
                outside = mid;
            }
        }
        return (outside + inside) / 2;
    }

    private static void Check(long errors, long shots)
    {
        if (shots < 0 || errors < 0 || errors > shots)
        {
            throw new ArgumentOutOfRangeException(nameof(errors), $"need 0 <= errors <= shots, got {errors} errors in {shots} shots");
        }
    }
}

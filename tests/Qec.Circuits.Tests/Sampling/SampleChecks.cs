using Qec.Core.Sampling;

namespace Qec.Circuits.Tests.Sampling;

/// <summary>Checks of sampled bits (detectors, then observables) against exact statistics or another sampler's shots.</summary>
internal static class SampleChecks
{
    /// <summary>Bit-major columns of detectors followed by observables.</summary>
    public static ulong[][] Columns(byte[] detectionEvents, int detectors, byte[] observableFlips, int observables, int shots) =>
        [.. BitColumns.FromShots(detectionEvents, detectors, shots), .. BitColumns.FromShots(observableFlips, observables, shots)];

    /// <summary>Every marginal and every pairwise joint within 5σ (binomial σ at the exact probability).</summary>
    public static void AssertMatchesExact(ulong[][] columns, int shots, ExactBitStatistics exact, string what)
    {
        Assert.Equal(exact.NumBits, columns.Length);
        for (int a = 0; a < columns.Length; a++)
        {
            for (int b = a; b < columns.Length; b++)
            {
                double p = exact.Joint(a, b);
                int count = a == b ? BitColumns.Count(columns[a]) : BitColumns.CountBoth(columns[a], columns[b]);
                double sigma = Math.Sqrt(shots * p * (1 - p));
                double deviation = Math.Abs(count - shots * p);
                Assert.True(deviation <= 5 * sigma + 1e-9,
                    $"{what}: {Name(a, exact)} ∧ {Name(b, exact)}: {count}/{shots} sampled, exact p = {p:G6} ({deviation / Math.Max(sigma, 1e-12):F1}σ)");
            }
        }
    }

    /// <summary>Two samples' frequencies of the same event within 5σ of the difference of proportions.</summary>
    public static void AssertClose(int countA, int shotsA, int countB, int shotsB, string what)
    {
        double pooled = (countA + countB) / (double)(shotsA + shotsB);
        double sigma = Math.Sqrt(pooled * (1 - pooled) * (1.0 / shotsA + 1.0 / shotsB));
        double difference = Math.Abs(countA / (double)shotsA - countB / (double)shotsB);
        Assert.True(difference <= 5 * sigma + 1e-12,
            $"{what}: ours {countA}/{shotsA}, Stim {countB}/{shotsB} ({difference / Math.Max(sigma, 1e-300):F1}σ)");
    }

    private static string Name(int bit, ExactBitStatistics exact) =>
        bit < exact.NumDetectors ? $"D{bit}" : $"L{bit - exact.NumDetectors}";
}

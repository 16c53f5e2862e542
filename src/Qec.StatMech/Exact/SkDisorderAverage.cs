using Qec.StatMech.Models;

namespace Qec.StatMech.Exact;

/// <summary>Disorder averages of one β over SK samples.</summary>
/// <param name="Beta">Inverse temperature.</param>
/// <param name="AnnealedPerSpin">ln E_J[Z] / n, with E_J[Z] the sample mean of Z (not of ln Z).</param>
/// <param name="AnnealedError">Its standard error, σ_Z / (√S E_J[Z] n) (delta method).</param>
/// <param name="AnnealedExact">ln 2 + β²(n − 1)/(4n), exact at finite n.</param>
/// <param name="QuenchedPerSpin">E_J[ln Z] / n.</param>
/// <param name="QuenchedError">Its standard error.</param>
/// <param name="AnnealedTrueError">The standard error of <paramref name="AnnealedPerSpin"/> from the exact second moment,
/// √(Var_J Z / S) / (E_J[Z] n) (see <see cref="SkDisorderAverage.RelativeVariance"/>): where Z is heavy-tailed the sample's
/// own spread (<paramref name="AnnealedError"/>) misses the rare samples that carry E_J[Z] and understates the error.</param>
public readonly record struct DisorderAverage(double Beta, double AnnealedPerSpin, double AnnealedError, double AnnealedExact,
    double QuenchedPerSpin, double QuenchedError, double AnnealedTrueError);

/// <summary>
/// Exact enumeration of many Sherrington–Kirkpatrick samples J ~ N(0, 1/n): the annealed average ln E_J[Z]/n against the
/// identity E_J[e^{β Σ J_ij s_i s_j}] = Π_{i&lt;j} e^{β²/(2n)}, i.e. ln E_J[Z]/n = ln 2 + β²(n − 1)/(4n), and the
/// quenched E_J[ln Z]/n that it bounds from above (Jensen).
/// </summary>
public static class SkDisorderAverage
{
    /// <summary>The annealed identity's value.</summary>
    public static double AnnealedExact(int n, double beta) => Math.Log(2) + beta * beta * (n - 1) / (4.0 * n);

    /// <summary>
    /// Var_J Z / E_J[Z]², exact at finite n. E_J[Z²] = Σ_{s,s'} Π_{i&lt;j} E[e^{βJ_ij(s_i s_j + s'_i s'_j)}] =
    /// Σ_{s,s'} exp(β²/(2n) Σ_{i&lt;j} (2 + 2τ_i τ_j)) with τ = s ∘ s'; with k spins of τ equal to −1,
    /// Σ_{i&lt;j} τ_i τ_j = ((n − 2k)² − n)/2, so E_J[Z²] = 2^n Σ_k C(n, k) exp(β²/n · (n(n − 1)/2 + ((n − 2k)² − n)/2)),
    /// against E_J[Z]² = 4^n e^{β²(n − 1)/2}. It grows like e^{β²n/2}: at n = 20 it is 0.82 at β = 1, 5e3 at β = 1.5 and
    /// 6e10 at β = 2, where no feasible number of samples resolves E_J[Z].
    /// </summary>
    public static double RelativeVariance(int n, double beta)
    {
        var terms = new double[n + 1];
        var logBinomial = 0.0;
        for (var k = 0; k <= n; k++)
        {
            if (k > 0) logBinomial += Math.Log((double)(n - k + 1) / k);
            var overlapSum = ((n - 2.0 * k) * (n - 2.0 * k) - n) / 2;
            terms[k] = logBinomial + beta * beta / n * (n * (n - 1) / 2.0 + overlapSum);
        }
        var max = terms.Max();
        var sum = 0.0;
        foreach (var t in terms) sum += Math.Exp(t - max);
        var logRatio = max + Math.Log(sum) - n * Math.Log(2) - beta * beta * (n - 1) / 2;
        return double.ExpM1(logRatio);
    }

    /// <summary>Averages over the SK samples with seeds <paramref name="firstSeed"/> … + samples − 1, samples in parallel.</summary>
    public static DisorderAverage[] Run(int n, double[] betas, int samples, int firstSeed, int threads = 0, Action<double>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var logZ = new double[samples, betas.Length];
        var workers = threads > 0 ? threads : Environment.ProcessorCount;
        Parallel.For(0, samples, new ParallelOptions { MaxDegreeOfParallelism = workers }, s =>
        {
            var result = ExactEnumeration.Solve(IsingModel.SherringtonKirkpatrick(n, firstSeed + s), betas, threads: 1);
            for (var b = 0; b < betas.Length; b++) logZ[s, b] = result[b].LogPartition;
            progress?.Invoke(1.0 / samples);
        });
        var averages = new DisorderAverage[betas.Length];
        for (var b = 0; b < betas.Length; b++)
        {
            var shift = double.NegativeInfinity;
            for (var s = 0; s < samples; s++) shift = Math.Max(shift, logZ[s, b]);
            double sum = 0, squares = 0, logSum = 0, logSquares = 0;
            for (var s = 0; s < samples; s++)
            {
                var z = Math.Exp(logZ[s, b] - shift);
                sum += z;
                squares += z * z;
                logSum += logZ[s, b];
                logSquares += logZ[s, b] * logZ[s, b];
            }
            var mean = sum / samples;
            var spread = Math.Sqrt(Math.Max(0, squares / samples - mean * mean) / (samples - 1));
            var logMean = logSum / samples;
            var logSpread = Math.Sqrt(Math.Max(0, logSquares / samples - logMean * logMean) / (samples - 1));
            averages[b] = new DisorderAverage(betas[b], (shift + Math.Log(mean)) / n, spread / mean / n, AnnealedExact(n, betas[b]),
                logMean / n, logSpread / n, Math.Sqrt(RelativeVariance(n, betas[b]) / samples) / n);
        }
        return averages;
    }
}

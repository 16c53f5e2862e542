using System.Diagnostics;
using Qec.StatMech.Models;

namespace Qec.StatMech.MonteCarlo;

/// <summary>
/// Runs independent Markov chains of an Ising model in parallel (one chain per task, each with its own seeded stream),
/// records E and |M| after every sweep, and turns the pooled series into means with autocorrelation-aware errors:
/// σ √(2 τ_int / S) for means (τ_int by Sokal's window, averaged over chains) and a binned jackknife for the specific
/// heat C/n = β² Var E / n.
/// </summary>
public static class MonteCarloSimulation
{
    /// <summary>Estimates at β on any model with Metropolis, Glauber or Wolff (Wolff refuses antiferromagnetic
    /// couplings and fields).</summary>
    /// <param name="model">The model.</param>
    /// <param name="beta">Inverse temperature, ≥ 0 and finite.</param>
    /// <param name="options">Sweeps, chains, seed, threads.</param>
    /// <param name="progress">Called with a fraction of the whole run after each chain's block of sweeps.</param>
    public static MonteCarloResult Run(IsingModel model, double beta, MonteCarloOptions options, Action<double>? progress = null)
    {
        CheckBeta(beta);
        if (options.Method == UpdateMethod.Wolff) WolffChain.CheckApplicable(model);
        return RunChains(chain => options.Method == UpdateMethod.Wolff
            ? new WolffChain(model, beta, options.ChainSeed(chain))
            : new LocalUpdateChain(model, beta, options.Method, options.ChainSeed(chain)), model.Size, beta, options, progress);
    }

    /// <summary>Estimates on the L×L periodic ferromagnet with the specialised table-lookup Metropolis kernel
    /// (<see cref="SquareLatticeMetropolis"/>); the method in <paramref name="options"/> is ignored.</summary>
    public static MonteCarloResult RunSquareLattice(int length, double beta, MonteCarloOptions options, Action<double>? progress = null)
    {
        CheckBeta(beta);
        return RunChains(chain => new SquareLatticeMetropolis(length, beta, options.ChainSeed(chain)), length * length, beta, options, progress);
    }

    private static void CheckBeta(double beta)
    {
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be ≥ 0 and finite");
    }

    private static MonteCarloResult RunChains(Func<int, IMarkovChain> create, int size, double beta, MonteCarloOptions options,
        Action<double>? progress)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var energies = new double[options.Chains][];
        var magnetizations = new double[options.Chains][];
        var flips = new long[options.Chains];
        var total = (double)options.Chains * (options.Sweeps + options.Thermalization);
        var report = progress ?? (_ => { });
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        Parallel.For(0, options.Chains, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            var chain = create(c);
            const int block = 256;
            for (var t = 0; t < options.Thermalization; t++)
            {
                chain.Sweep();
                if ((t + 1) % block == 0) report(block / total);
            }
            report(options.Thermalization % block / total);
            var startFlips = chain.Flips;
            var e = new double[options.Sweeps];
            var m = new double[options.Sweeps];
            for (var t = 0; t < options.Sweeps; t++)
            {
                chain.Sweep();
                e[t] = chain.Energy;
                m[t] = Math.Abs(chain.Magnetization);
                if ((t + 1) % block == 0) report(block / total);
            }
            report(options.Sweeps % block / total);
            energies[c] = e;
            magnetizations[c] = m;
            flips[c] = chain.Flips - startFlips;
        });
        var (meanE, errorE, tauE) = MeanWithError(energies);
        var (meanM, errorM, tauM) = MeanWithError(magnetizations);
        var (variance, varianceError) = Autocorrelation.VarianceJackknife(energies, options.Bins);
        var totalFlips = 0L;
        foreach (var f in flips) totalFlips += f;
        return new MonteCarloResult(beta, meanE / size, errorE / size, beta * beta * variance / size, beta * beta * varianceError / size,
            meanM / size, errorM / size, tauE, tauM, (double)totalFlips / ((double)options.Chains * options.Sweeps), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Pooled mean, its error σ √(2 τ̄ / S) and τ̄ (the chains' τ_int averaged).</summary>
    private static (double Mean, double Error, double Tau) MeanWithError(double[][] series)
    {
        double sum = 0, squares = 0, tau = 0;
        long count = 0;
        foreach (var x in series)
        {
            foreach (var v in x)
            {
                sum += v;
                squares += v * v;
            }
            count += x.Length;
            tau += Autocorrelation.IntegratedTime(x).Tau;
        }
        tau /= series.Length;
        var mean = sum / count;
        var variance = Math.Max(0, squares / count - mean * mean);
        return (mean, Math.Sqrt(variance * 2 * tau / count), tau);
    }
}

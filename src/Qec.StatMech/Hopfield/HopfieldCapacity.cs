namespace Qec.StatMech.Hopfield;

/// <summary>One point of the retrieval curve: load α = P/n and the final overlap over the trials.</summary>
/// <param name="Alpha">α = P/n as realised (P = round(α n)).</param>
/// <param name="Patterns">P.</param>
/// <param name="MeanOverlap">Mean of |m| at the end.</param>
/// <param name="StandardError">Standard error of that mean.</param>
/// <param name="RetrievedFraction">Fraction of trials ending with |m| ≥ 0.9.</param>
/// <param name="RetrievedOverlap">Mean |m| of the trials that ended retrieved (|m| ≥ 0.9): the retrieval state's overlap,
/// which the replica theory predicts (NaN when no trial retrieved). Near α_c the plain mean mixes it with failed runs.</param>
public readonly record struct CapacityPoint(double Alpha, int Patterns, double MeanOverlap, double StandardError, double RetrievedFraction,
    double RetrievedOverlap);

/// <summary>
/// The retrieval overlap against the load α (Amit, Gutfreund &amp; Sompolinsky 1985): each trial stores P = α n fresh
/// random patterns, starts the dynamics at ξ^1 and records |m| at the end. The replica-symmetric theory gives
/// m ≈ 0.967 just below α_c ≈ 0.138 and a discontinuous drop above; finite n rounds the drop off.
/// </summary>
public static class HopfieldCapacity
{
    /// <summary>The curve at each α of <paramref name="alphas"/>; trial t at point a uses seed
    /// <paramref name="seed"/> + 1000 a + t, so the curve does not depend on the thread count.</summary>
    /// <param name="size">n.</param>
    /// <param name="alphas">Loads.</param>
    /// <param name="trials">Independent pattern sets per load.</param>
    /// <param name="temperature">0 for asynchronous dynamics, else Glauber at T.</param>
    /// <param name="maxSweeps">Sweeps per trial at most.</param>
    /// <param name="seed">Base seed.</param>
    /// <param name="threads">Worker threads (0 = every core).</param>
    /// <param name="progress">Called once per finished trial.</param>
    public static CapacityPoint[] Curve(int size, IReadOnlyList<double> alphas, int trials, double temperature, int maxSweeps, int seed,
        int threads = 0, Action? progress = null)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "at least one trial per load is needed");
        var overlaps = new double[alphas.Count, trials];
        var counts = new int[alphas.Count];
        for (var a = 0; a < alphas.Count; a++)
        {
            if (!(alphas[a] > 0)) throw new ArgumentOutOfRangeException(nameof(alphas), alphas[a], "α must be positive");
            counts[a] = Math.Max(1, (int)Math.Round(alphas[a] * size));
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, alphas.Count * trials, options, job =>
        {
            int a = job / trials, t = job % trials;
            var runSeed = seed + 1000 * a + t;
            var patterns = HopfieldNetwork.RandomPatterns(size, counts[a], runSeed);
            var model = HopfieldNetwork.Hebb(patterns);
            var result = HopfieldDynamics.Run(model, patterns[0], temperature, maxSweeps, new Random(runSeed ^ 0x5bd1e995));
            overlaps[a, t] = Math.Abs(HopfieldNetwork.Overlap(result.Spins, patterns[0]));
            progress?.Invoke();
        });
        var points = new CapacityPoint[alphas.Count];
        for (var a = 0; a < alphas.Count; a++)
        {
            double sum = 0, sumSquares = 0, retrieved = 0, retrievedSum = 0;
            for (var t = 0; t < trials; t++)
            {
                sum += overlaps[a, t];
                sumSquares += overlaps[a, t] * overlaps[a, t];
                if (overlaps[a, t] >= 0.9)
                {
                    retrieved++;
                    retrievedSum += overlaps[a, t];
                }
            }
            var mean = sum / trials;
            var variance = trials > 1 ? Math.Max(0, (sumSquares - trials * mean * mean) / (trials - 1)) : 0;
            points[a] = new CapacityPoint((double)counts[a] / size, counts[a], mean, Math.Sqrt(variance / trials), retrieved / trials,
                retrieved > 0 ? retrievedSum / retrieved : double.NaN);
        }
        return points;
    }
}

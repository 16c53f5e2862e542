using System.Diagnostics;
using Qec.Core.Sampling;
using Qec.StatMech.Models;

namespace Qec.StatMech.Annealing;

/// <summary>
/// Simulated annealing (Kirkpatrick, Gelatt &amp; Vecchi, Science 220, 671, 1983): Metropolis sweeps while β rises on a
/// schedule, then a zero-temperature quench; independent restarts in parallel, the lowest energy kept.
/// </summary>
public static class SimulatedAnnealing
{
    /// <summary>The best state over the restarts.</summary>
    public static GroundStateResult Run(IsingModel model, AnnealOptions options, Action<double>? progress = null)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var best = new FieldState?[options.Restarts];
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        Parallel.For(0, options.Restarts, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
        {
            var rng = new Xoshiro256StarStar(options.RunSeed(r));
            var state = new FieldState(model, ref rng);
            for (var t = 0; t < options.Sweeps; t++) state.Sweep(options.BetaAt(t), ref rng);
            state.Quench();
            state.Recount();
            best[r] = state;
            progress?.Invoke(1.0 / options.Restarts);
        });
        var winner = best[0]!;
        foreach (var state in best)
            if (state!.Energy < winner.Energy) winner = state;
        return new GroundStateResult(winner.Energy, winner.Spins, options.Sweeps, clock.Elapsed.TotalSeconds, []);
    }
}

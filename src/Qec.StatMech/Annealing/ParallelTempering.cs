using System.Diagnostics;
using Qec.Core.Sampling;
using Qec.StatMech.Models;

namespace Qec.StatMech.Annealing;

/// <summary>
/// Parallel tempering / replica exchange (Swendsen &amp; Wang, PRL 57, 2607, 1986; Hukushima &amp; Nemoto, JPSJ 65, 1604,
/// 1996) as a ground-state search: R replicas on a geometric β ladder each do a Metropolis sweep, then neighbouring
/// slots (alternately even and odd pairs) exchange states with probability min(1, e^{(β_k − β_{k+1})(E_k − E_{k+1})}),
/// which keeps the product of Boltzmann distributions stationary. The lowest energy seen is kept (and quenched).
/// </summary>
public static class ParallelTempering
{
    /// <summary>The best state found before the sweep limit, the target energy or the time budget.</summary>
    public static GroundStateResult Run(IsingModel model, TemperingOptions options, Action<double>? progress = null)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var replicas = options.Replicas;
        var rngs = new Xoshiro256StarStar[replicas];
        var slots = new FieldState[replicas];
        for (var k = 0; k < replicas; k++)
        {
            rngs[k] = new Xoshiro256StarStar(options.StreamSeed(k));
            slots[k] = new FieldState(model, ref rngs[k]);
        }
        var exchange = new Xoshiro256StarStar(options.StreamSeed(replicas));
        var betas = new double[replicas];
        for (var k = 0; k < replicas; k++) betas[k] = options.BetaAt(k);
        var accepted = new long[replicas - 1];
        var attempted = new long[replicas - 1];
        var best = new FieldState(model, ref exchange);
        best.CopyFrom(slots[0]);
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var parallel = threads > 1 && model.Size >= 128;
        var round = 0L;
        var reportEvery = Math.Max(1, options.Sweeps / 200);
        while (round < options.Sweeps)
        {
            // Slot k holds the replica at β_k; each slot's generator stays with the slot.
            if (parallel)
                Parallel.For(0, replicas, new ParallelOptions { MaxDegreeOfParallelism = threads }, k => slots[k].Sweep(betas[k], ref rngs[k]));
            else
                for (var k = 0; k < replicas; k++) slots[k].Sweep(betas[k], ref rngs[k]);
            for (var k = (int)(round & 1); k + 1 < replicas; k += 2)
            {
                attempted[k]++;
                var log = (betas[k] - betas[k + 1]) * (slots[k].Energy - slots[k + 1].Energy);
                if (log >= 0 || exchange.NextDouble() < Math.Exp(log))
                {
                    (slots[k], slots[k + 1]) = (slots[k + 1], slots[k]);
                    accepted[k]++;
                }
            }
            round++;
            var lowest = slots[0];
            foreach (var slot in slots)
                if (slot.Energy < lowest.Energy) lowest = slot;
            if (lowest.Energy < best.Energy - 1e-12) best.CopyFrom(lowest);
            if (round % reportEvery == 0) progress?.Invoke((double)reportEvery / options.Sweeps);
            if (options.TargetEnergy is { } target && best.Energy <= target + 1e-9) break;
            if (options.TimeBudgetSeconds > 0 && clock.Elapsed.TotalSeconds > options.TimeBudgetSeconds) break;
        }
        best.Quench();
        best.Recount();
        var acceptance = new double[replicas - 1];
        for (var k = 0; k < acceptance.Length; k++) acceptance[k] = attempted[k] == 0 ? 0 : (double)accepted[k] / attempted[k];
        return new GroundStateResult(best.Energy, best.Spins, round, clock.Elapsed.TotalSeconds, acceptance);
    }
}

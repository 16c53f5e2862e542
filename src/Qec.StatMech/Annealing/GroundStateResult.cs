namespace Qec.StatMech.Annealing;

/// <summary>The lowest-energy state a heuristic search found.</summary>
/// <param name="Energy">E of <paramref name="Spins"/>.</param>
/// <param name="Spins">The state (±1).</param>
/// <param name="Sweeps">Sweeps done (per restart or per replica).</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="SwapAcceptance">Parallel tempering: the acceptance of exchanges between β_k and β_{k+1}; empty for annealing.</param>
public sealed record GroundStateResult(double Energy, sbyte[] Spins, long Sweeps, double Seconds, double[] SwapAcceptance);

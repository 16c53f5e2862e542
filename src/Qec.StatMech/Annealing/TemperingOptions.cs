using Qec.Core.Sampling;

namespace Qec.StatMech.Annealing;

/// <summary>Settings of parallel tempering.</summary>
/// <param name="BetaMin">Smallest β of the ladder (&gt; 0).</param>
/// <param name="BetaMax">Largest β of the ladder.</param>
/// <param name="Replicas">Replicas R ≥ 2, at β_k = β_min (β_max/β_min)^{k/(R−1)} (a geometric ladder).</param>
/// <param name="Sweeps">Rounds (one Metropolis sweep of every replica, then exchanges) at most.</param>
/// <param name="Seed">Replica k draws from xoshiro256** seeded with SplitMix64 of (seed, k); exchanges from (seed, R).</param>
/// <param name="Threads">Replicas swept in parallel; 0 = every core.</param>
/// <param name="TargetEnergy">Stop as soon as a state at or below this energy is seen (e.g. a known ground state).</param>
/// <param name="TimeBudgetSeconds">Stop after this much wall time (0 = no limit).</param>
public sealed record TemperingOptions(double BetaMin = 0.2, double BetaMax = 3, int Replicas = 24, int Sweeps = 10_000, ulong Seed = 1,
    int Threads = 0, double? TargetEnergy = null, double TimeBudgetSeconds = 0)
{
    /// <summary>β of replica slot <paramref name="k"/>.</summary>
    public double BetaAt(int k) => BetaMin * Math.Pow(BetaMax / BetaMin, (double)k / (Replicas - 1));

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(BetaMin > 0) || !double.IsFinite(BetaMin)) throw new ArgumentOutOfRangeException(nameof(BetaMin), BetaMin, "β must be > 0 and finite");
        if (!(BetaMax > BetaMin) || !double.IsFinite(BetaMax)) throw new ArgumentOutOfRangeException(nameof(BetaMax), BetaMax, "the largest β must be finite and > the smallest");
        if (Replicas < 2) throw new ArgumentOutOfRangeException(nameof(Replicas), Replicas, "replica exchange needs at least 2 replicas");
        if (Sweeps < 1) throw new ArgumentOutOfRangeException(nameof(Sweeps), Sweeps, "need at least one sweep");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be ≥ 0 (0 = every core)");
        if (!(TimeBudgetSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(TimeBudgetSeconds), TimeBudgetSeconds, "must be ≥ 0");
    }

    internal ulong StreamSeed(int stream)
    {
        var state = Seed ^ (0xD1B54A32D192ED03UL * (ulong)(stream + 1));
        return Xoshiro256StarStar.SplitMix64(ref state);
    }
}

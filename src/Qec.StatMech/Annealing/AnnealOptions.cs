using Qec.Core.Sampling;

namespace Qec.StatMech.Annealing;

/// <summary>Settings of simulated annealing.</summary>
/// <param name="BetaStart">β of the first sweep (&gt; 0).</param>
/// <param name="BetaEnd">β of the last sweep (≥ start).</param>
/// <param name="Sweeps">Metropolis sweeps per restart.</param>
/// <param name="Schedule">Linear or geometric in β.</param>
/// <param name="Restarts">Independent runs from random states; the best is kept.</param>
/// <param name="Seed">Restart r draws from xoshiro256** seeded with SplitMix64 of (seed, r).</param>
/// <param name="Threads">Restarts in parallel; 0 = every core.</param>
public sealed record AnnealOptions(double BetaStart = 0.1, double BetaEnd = 5, int Sweeps = 1000,
    AnnealSchedule Schedule = AnnealSchedule.Geometric, int Restarts = 8, ulong Seed = 1, int Threads = 0)
{
    /// <summary>β at sweep <paramref name="t"/>.</summary>
    public double BetaAt(int t)
    {
        var x = Sweeps == 1 ? 1 : (double)t / (Sweeps - 1);
        return Schedule == AnnealSchedule.Linear ? BetaStart + (BetaEnd - BetaStart) * x : BetaStart * Math.Pow(BetaEnd / BetaStart, x);
    }

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(BetaStart > 0) || !double.IsFinite(BetaStart)) throw new ArgumentOutOfRangeException(nameof(BetaStart), BetaStart, "β must be > 0 and finite");
        if (!(BetaEnd >= BetaStart) || !double.IsFinite(BetaEnd)) throw new ArgumentOutOfRangeException(nameof(BetaEnd), BetaEnd, "the final β must be finite and ≥ the starting β");
        if (Sweeps < 1) throw new ArgumentOutOfRangeException(nameof(Sweeps), Sweeps, "need at least one sweep");
        if (Restarts < 1) throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "need at least one restart");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be ≥ 0 (0 = every core)");
    }

    internal ulong RunSeed(int run)
    {
        var state = Seed ^ (0xD1B54A32D192ED03UL * (ulong)(run + 1));
        return Xoshiro256StarStar.SplitMix64(ref state);
    }
}

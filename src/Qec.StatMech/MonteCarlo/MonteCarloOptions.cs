namespace Qec.StatMech.MonteCarlo;

/// <summary>Settings of a Monte Carlo estimate.</summary>
/// <param name="Method">The update.</param>
/// <param name="Sweeps">Measured sweeps per chain (one measurement after each).</param>
/// <param name="Thermalization">Sweeps discarded at the start of each chain.</param>
/// <param name="Chains">Independent chains (each from its own random start and stream).</param>
/// <param name="Seed">Chain c draws from xoshiro256** seeded with SplitMix64 of (seed, c).</param>
/// <param name="Threads">Worker threads for the chains; 0 = every core.</param>
/// <param name="Bins">Jackknife blocks per chain for the specific heat.</param>
public sealed record MonteCarloOptions(
    UpdateMethod Method = UpdateMethod.Metropolis,
    int Sweeps = 10_000,
    int Thermalization = 1_000,
    int Chains = 4,
    ulong Seed = 1,
    int Threads = 0,
    int Bins = 20)
{
    /// <summary>The seed of chain <paramref name="chain"/>: independent streams for independent chains.</summary>
    public ulong ChainSeed(int chain)
    {
        var state = Seed ^ (0xD1B54A32D192ED03UL * (ulong)(chain + 1));
        return Qec.Core.Sampling.Xoshiro256StarStar.SplitMix64(ref state);
    }

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Sweeps < 2 * Bins) throw new ArgumentOutOfRangeException(nameof(Sweeps), Sweeps, $"need at least {2 * Bins} measured sweeps (2 per jackknife bin)");
        if (Thermalization < 0) throw new ArgumentOutOfRangeException(nameof(Thermalization), Thermalization, "must be ≥ 0");
        if (Chains < 1) throw new ArgumentOutOfRangeException(nameof(Chains), Chains, "need at least one chain");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be ≥ 0 (0 = every core)");
        if (Bins < 2) throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "the jackknife needs ≥ 2 bins");
    }
}

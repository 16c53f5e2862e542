namespace Qec.StatMech.MonteCarlo;

/// <summary>A Markov-chain update of Ising spins; each leaves exp(−βE) stationary.</summary>
public enum UpdateMethod
{
    /// <summary>Single-spin Metropolis: flip with probability min(1, e^{−βΔE}) (Metropolis et al. 1953).</summary>
    Metropolis,

    /// <summary>Heat bath (Glauber 1963): flip with probability 1/(1 + e^{βΔE}).</summary>
    Glauber,

    /// <summary>Wolff (1989) single-cluster flips; ferromagnetic pair couplings without fields only.</summary>
    Wolff,
}

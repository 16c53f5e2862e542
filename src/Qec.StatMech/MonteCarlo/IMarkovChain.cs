namespace Qec.StatMech.MonteCarlo;

/// <summary>One Markov chain of an Ising model at fixed β, with its current energy and magnetization.</summary>
internal interface IMarkovChain
{
    /// <summary>One sweep: n single-spin attempts, or for Wolff clusters until ≥ n spins have been flipped.</summary>
    void Sweep();

    /// <summary>E of the current state.</summary>
    double Energy { get; }

    /// <summary>Σ_i s_i of the current state.</summary>
    double Magnetization { get; }

    /// <summary>Accepted flips (single-spin) or flipped spins (Wolff) since the start.</summary>
    long Flips { get; }
}

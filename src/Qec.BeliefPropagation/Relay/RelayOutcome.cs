namespace Qec.BeliefPropagation.Relay;

/// <summary>How a Relay-BP run ended.</summary>
/// <param name="Iterations">Iterations over all legs.</param>
/// <param name="Legs">Legs run, the first included.</param>
/// <param name="Solutions">Legs that ended with a decision satisfying the syndrome.</param>
/// <param name="Weight">Σ ln((1−p)/p) of the kept solution; +∞ when none was found.</param>
public readonly record struct RelayOutcome(int Iterations, int Legs, int Solutions, double Weight)
{
    /// <summary>Whether any leg found a decision that satisfies the syndrome.</summary>
    public bool Converged => Solutions > 0;
}

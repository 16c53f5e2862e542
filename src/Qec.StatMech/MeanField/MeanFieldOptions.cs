namespace Qec.StatMech.MeanField;

/// <summary>How a mean-field fixed point is iterated.</summary>
/// <param name="MaxIterations">Most sweeps per start.</param>
/// <param name="Tolerance">Converged when the largest change in one sweep is below this.</param>
/// <param name="Damping">New value = (1 − damping) × update + damping × old; 0 = undamped, must lie in [0, 1).</param>
/// <param name="Restarts">Starts from small random magnetizations (seeded) besides the start at m_i = tanh βh_i; the
/// converged fixed point with the largest ln Z (lowest free energy) is kept.</param>
/// <param name="Seed">Seed of the random starts.</param>
public sealed record MeanFieldOptions(int MaxIterations = 10_000, double Tolerance = 1e-12, double Damping = 0.5, int Restarts = 4,
    int Seed = 1)
{
    /// <summary>The defaults.</summary>
    public static MeanFieldOptions Default { get; } = new();

    internal void Validate()
    {
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "at least one sweep is needed");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance must be positive");
        if (!(Damping >= 0 && Damping < 1)) throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "damping must lie in [0, 1)");
        if (Restarts < 0) throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "restarts must be ≥ 0");
    }
}

namespace Qec.StatMech.MeanField;

/// <summary>A mean-field approximation at one β: its ln Z, free energy, magnetizations and how the fixed point was reached.</summary>
/// <param name="Method">"nMF", "TAP" or "Bethe".</param>
/// <param name="Beta">Inverse temperature β.</param>
/// <param name="LogPartition">The approximate ln Z at the fixed point.</param>
/// <param name="Magnetizations">m_i at the fixed point.</param>
/// <param name="Iterations">Sweeps of the fixed-point iteration used (summed over restarts).</param>
/// <param name="Converged">True when the largest change of a sweep fell below the tolerance.</param>
/// <param name="Residual">The largest change of the last sweep (magnetization or cavity field).</param>
/// <param name="EdgeCorrelations">⟨s_i s_j⟩ for each coupling of the model, in its order (Bethe only; null otherwise).</param>
public sealed record MeanFieldResult(string Method, double Beta, double LogPartition, double[] Magnetizations, int Iterations,
    bool Converged, double Residual, double[]? EdgeCorrelations = null)
{
    /// <summary>Free energy F = −ln Z / β.</summary>
    public double FreeEnergy => -LogPartition / Beta;

    /// <summary>Free energy per spin F / n.</summary>
    public double FreeEnergyPerSpin => FreeEnergy / Magnetizations.Length;
}

using Qec.StatMech.Models;

namespace Qec.StatMech.MeanField;

/// <summary>
/// Thouless–Anderson–Palmer free energy, the second-order Plefka expansion (Plefka 1982, eq. 11):
/// ln Z_TAP = ln Z_nMF(m) + (β²/2) Σ_{i&lt;j} J_ij² (1 − m_i²)(1 − m_j²), stationary where
/// m_i = tanh[β(h_i + Σ_j J_ij m_j) − β² m_i Σ_j J_ij² (1 − m_j²)] (the Onsager reaction term).
/// </summary>
public static class TapMeanField
{
    /// <summary>The best TAP fixed point at β.</summary>
    public static MeanFieldResult Solve(IsingModel model, double beta, MeanFieldOptions? options = null) =>
        MagnetizationFixedPoint.Solve("TAP", model, beta, options ?? MeanFieldOptions.Default,
            (i, m) => Math.Tanh(beta * (model.Fields[i] + MagnetizationFixedPoint.CouplingField(model, i, m))
                                - beta * beta * m[i] * Onsager(model, i, m)),
            m => LogPartition(model, beta, m));

    /// <summary>ln Z_TAP at magnetizations <paramref name="m"/> (any m, not only a fixed point).</summary>
    public static double LogPartition(IsingModel model, double beta, double[] m)
    {
        var value = MagnetizationFixedPoint.NaiveLogPartition(model, beta, m);
        foreach (var (i, j, strength) in model.Couplings) value += 0.5 * beta * beta * strength * strength * (1 - m[i] * m[i]) * (1 - m[j] * m[j]);
        return value;
    }

    /// <summary>Σ_j J_ij² (1 − m_j²).</summary>
    private static double Onsager(IsingModel model, int i, double[] m)
    {
        var neighbors = model.NeighborsOf(i);
        var couplings = model.CouplingsOf(i);
        var sum = 0.0;
        for (var k = 0; k < neighbors.Length; k++) sum += couplings[k] * couplings[k] * (1 - m[neighbors[k]] * m[neighbors[k]]);
        return sum;
    }
}

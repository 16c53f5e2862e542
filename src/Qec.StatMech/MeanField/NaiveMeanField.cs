using Qec.StatMech.Models;

namespace Qec.StatMech.MeanField;

/// <summary>
/// Naive mean field: the product distribution closest to Boltzmann (Gibbs–Bogoliubov), m_i = tanh β(h_i + Σ_j J_ij m_j),
/// ln Z_nMF = Σ_i S(m_i) + β Σ_i h_i m_i + β Σ_{i&lt;j} J_ij m_i m_j ≤ ln Z for every m (a variational lower bound).
/// </summary>
public static class NaiveMeanField
{
    /// <summary>The best nMF fixed point at β.</summary>
    public static MeanFieldResult Solve(IsingModel model, double beta, MeanFieldOptions? options = null) =>
        MagnetizationFixedPoint.Solve("nMF", model, beta, options ?? MeanFieldOptions.Default,
            (i, m) => Math.Tanh(beta * (model.Fields[i] + MagnetizationFixedPoint.CouplingField(model, i, m))),
            m => MagnetizationFixedPoint.NaiveLogPartition(model, beta, m));
}

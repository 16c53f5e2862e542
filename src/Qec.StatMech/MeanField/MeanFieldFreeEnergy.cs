using Qec.StatMech.Models;

namespace Qec.StatMech.MeanField;

/// <summary>
/// The mean-field free energies side by side, for comparison with enumeration and with variational networks:
/// each returns F = −ln Z/β at its best fixed point with the magnetizations and the convergence of the iteration.
/// </summary>
public static class MeanFieldFreeEnergy
{
    /// <summary>Naive mean field (a lower bound on ln Z): see <see cref="NaiveMeanField"/>.</summary>
    public static MeanFieldResult Naive(IsingModel model, double beta, MeanFieldOptions? options = null) =>
        NaiveMeanField.Solve(model, beta, options);

    /// <summary>TAP, second-order Plefka: see <see cref="TapMeanField"/>.</summary>
    public static MeanFieldResult Tap(IsingModel model, double beta, MeanFieldOptions? options = null) =>
        TapMeanField.Solve(model, beta, options);

    /// <summary>Bethe, from loopy belief propagation (exact on trees): see <see cref="BeliefPropagation"/>.</summary>
    public static MeanFieldResult Bethe(IsingModel model, double beta, MeanFieldOptions? options = null) =>
        BeliefPropagation.Solve(model, beta, options);
}

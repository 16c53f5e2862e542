using Qec.StatMech.Models;

namespace Qec.StatMech.MeanField;

/// <summary>
/// The driver shared by naive mean field and TAP: damped sequential (Gauss–Seidel) sweeps m_i ← update(i, m) from
/// m_i = tanh βh_i ± 10⁻³ and from <see cref="MeanFieldOptions.Restarts"/> random starts (|m_i| ≤ 0.2); of the fixed
/// points reached it keeps the one with the largest ln Z (lowest free energy), preferring converged ones. Every start
/// is perturbed, so a fixed point that is unstable under the iteration (SK at zero field: the paramagnet m = 0 above
/// β = 1/λ_max(J) ≈ ½ for nMF, β ≈ 1 for TAP) is left rather than kept.
/// </summary>
internal static class MagnetizationFixedPoint
{
    /// <summary>Runs every start and returns the best fixed point.</summary>
    public static MeanFieldResult Solve(string method, IsingModel model, double beta, MeanFieldOptions options,
        Func<int, double[], double> update, Func<double[], double> logPartition)
    {
        MeanFieldMath.CheckBeta(beta);
        options.Validate();
        var n = model.Size;
        var random = new Random(options.Seed);
        MeanFieldResult? best = null;
        var totalIterations = 0;
        for (var start = 0; start <= options.Restarts; start++)
        {
            var m = new double[n];
            for (var i = 0; i < n; i++)
                m[i] = start == 0 ? Math.Tanh(beta * model.Fields[i]) + 1e-3 * (2 * random.NextDouble() - 1) : 0.2 * (2 * random.NextDouble() - 1);
            var (iterations, residual) = Iterate(m, options, update);
            totalIterations += iterations;
            var converged = residual < options.Tolerance;
            var candidate = new MeanFieldResult(method, beta, logPartition(m), m, iterations, converged, residual);
            if (best is null || Better(candidate, best)) best = candidate;
        }
        return best! with { Iterations = totalIterations };
    }

    private static bool Better(MeanFieldResult candidate, MeanFieldResult best) =>
        candidate.Converged != best.Converged ? candidate.Converged : candidate.LogPartition > best.LogPartition + 1e-12;

    private static (int Iterations, double Residual) Iterate(double[] m, MeanFieldOptions options, Func<int, double[], double> update)
    {
        var residual = double.PositiveInfinity;
        for (var sweep = 1; sweep <= options.MaxIterations; sweep++)
        {
            residual = 0;
            for (var i = 0; i < m.Length; i++)
            {
                var next = (1 - options.Damping) * update(i, m) + options.Damping * m[i];
                residual = Math.Max(residual, Math.Abs(next - m[i]));
                m[i] = next;
            }
            if (residual < options.Tolerance) return (sweep, residual);
        }
        return (options.MaxIterations, residual);
    }

    /// <summary>Σ_j J_ij m_j over the neighbours of i.</summary>
    public static double CouplingField(IsingModel model, int i, double[] m)
    {
        var neighbors = model.NeighborsOf(i);
        var couplings = model.CouplingsOf(i);
        var field = 0.0;
        for (var k = 0; k < neighbors.Length; k++) field += couplings[k] * m[neighbors[k]];
        return field;
    }

    /// <summary>The naive mean-field ln Z: Σ_i S(m_i) + β Σ_i h_i m_i + β Σ_{i&lt;j} J_ij m_i m_j.</summary>
    public static double NaiveLogPartition(IsingModel model, double beta, double[] m)
    {
        var value = 0.0;
        for (var i = 0; i < m.Length; i++) value += MeanFieldMath.SpinEntropy(m[i]) + beta * model.Fields[i] * m[i];
        foreach (var (i, j, strength) in model.Couplings) value += beta * strength * m[i] * m[j];
        return value;
    }
}

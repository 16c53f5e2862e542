using MathNet.Numerics.LinearAlgebra;

namespace Qec.StatMech.InverseIsing;

/// <summary>
/// Closed-form inverse Ising estimates of J from m and c (Nguyen, Zecchina &amp; Berg, Adv. Phys. 66, 197 (2017), sec. 6):
/// naive mean field J = −C⁻¹ (Kappen &amp; Rodríguez 1998), independent pairs (the exact two-spin inversion),
/// Sessak–Monasson (Sessak &amp; Monasson 2009, the small-correlation resummation nMF + IP − its double-counted term)
/// and TAP (Tanaka 1998: (C⁻¹)_ij = −J_ij − 2J_ij² m_i m_j). C is the connected correlation matrix. The data are
/// those of the weight exp(β Σ_{i&lt;j} J_ij s_i s_j + β Σ h_i s_i), so every estimate of βJ is divided by β; diagonals are 0.
/// With zero magnetizations TAP's off-diagonal equation is nMF's.
/// </summary>
public static class ClosedFormInversion
{
    /// <summary>Naive mean field: J_ij = −(C⁻¹)_ij / β.</summary>
    public static double[,] NaiveMeanField(SpinStatistics data, double beta)
    {
        var inverse = InverseConnected(data);
        return Build(data.Size, beta, (i, j) => -inverse[i, j]);
    }

    /// <summary>Independent pairs: βJ_ij = ¼ ln[(1 + m_i + m_j + c_ij)(1 − m_i − m_j + c_ij) / ((1 + m_i − m_j − c_ij)(1 − m_i + m_j − c_ij))],
    /// which is ½ ln((1 + c_ij)/(1 − c_ij)) at zero magnetization.</summary>
    public static double[,] IndependentPairs(SpinStatistics data, double beta) => Build(data.Size, beta, (i, j) => PairCoupling(data, i, j));

    /// <summary>Sessak–Monasson: βJ_ij = −(C⁻¹)_ij + βJ^IP_ij − C_ij / ((1 − m_i²)(1 − m_j²) − C_ij²).</summary>
    public static double[,] SessakMonasson(SpinStatistics data, double beta)
    {
        var inverse = InverseConnected(data);
        var connected = data.Connected();
        var m = data.Magnetizations;
        return Build(data.Size, beta, (i, j) =>
            -inverse[i, j] + PairCoupling(data, i, j) - connected[i, j] / ((1 - m[i] * m[i]) * (1 - m[j] * m[j]) - connected[i, j] * connected[i, j]));
    }

    /// <summary>TAP: βJ_ij = −2(C⁻¹)_ij / (1 + √(1 − 8 m_i m_j (C⁻¹)_ij)), the root that tends to nMF as m → 0
    /// (a negative discriminant is clamped to 0).</summary>
    public static double[,] Tap(SpinStatistics data, double beta)
    {
        var inverse = InverseConnected(data);
        var m = data.Magnetizations;
        return Build(data.Size, beta, (i, j) => -2 * inverse[i, j] / (1 + Math.Sqrt(Math.Max(0, 1 - 8 * m[i] * m[j] * inverse[i, j]))));
    }

    /// <summary>C⁻¹ of the connected correlations (throws when C is singular, e.g. a frozen spin).</summary>
    internal static double[,] InverseConnected(SpinStatistics data)
    {
        var matrix = Matrix<double>.Build.DenseOfArray(data.Connected());
        var inverse = matrix.Inverse();
        foreach (var value in inverse.Enumerate())
            if (!double.IsFinite(value)) throw new ArgumentException("the connected correlation matrix is singular", nameof(data));
        return inverse.ToArray();
    }

    private static double PairCoupling(SpinStatistics data, int i, int j)
    {
        double mi = data.Magnetizations[i], mj = data.Magnetizations[j], c = data.Correlations[i, j];
        return 0.25 * Math.Log((1 + mi + mj + c) * (1 - mi - mj + c) / ((1 + mi - mj - c) * (1 - mi + mj - c)));
    }

    private static double[,] Build(int n, double beta, Func<int, int, double> scaledCoupling)
    {
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive and finite");
        var couplings = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            couplings[i, j] = couplings[j, i] = scaledCoupling(i, j) / beta;
        return couplings;
    }
}

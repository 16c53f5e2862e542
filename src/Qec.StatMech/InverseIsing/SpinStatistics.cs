using Qec.StatMech.Exact;

namespace Qec.StatMech.InverseIsing;

/// <summary>The data an inverse-Ising method sees: magnetizations m_i = ⟨s_i⟩ and correlations c_ij = ⟨s_i s_j⟩.</summary>
/// <param name="Magnetizations">⟨s_i⟩.</param>
/// <param name="Correlations">⟨s_i s_j⟩, symmetric with ones on the diagonal.</param>
public sealed record SpinStatistics(double[] Magnetizations, double[,] Correlations)
{
    /// <summary>Number of spins.</summary>
    public int Size => Magnetizations.Length;

    /// <summary>The statistics of exact enumeration.</summary>
    public static SpinStatistics FromMoments(Moments moments) => new(moments.Magnetizations, moments.Correlations);

    /// <summary>The connected correlations C_ij = c_ij − m_i m_j (the covariance matrix).</summary>
    public double[,] Connected()
    {
        var n = Size;
        var connected = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            connected[i, j] = Correlations[i, j] - Magnetizations[i] * Magnetizations[j];
        return connected;
    }

    /// <summary>The largest |difference| of any magnetization or off-diagonal correlation.</summary>
    public double MaxDifference(SpinStatistics other)
    {
        var largest = 0.0;
        for (var i = 0; i < Size; i++)
        {
            largest = Math.Max(largest, Math.Abs(Magnetizations[i] - other.Magnetizations[i]));
            for (var j = i + 1; j < Size; j++) largest = Math.Max(largest, Math.Abs(Correlations[i, j] - other.Correlations[i, j]));
        }
        return largest;
    }
}

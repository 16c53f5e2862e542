namespace Qec.StatMech.InverseIsing;

/// <summary>How far a reconstructed coupling matrix lies from the true one.</summary>
public static class ReconstructionError
{
    /// <summary>RMS over the pairs i &lt; j of J_true − J (the VAN paper's error; diagonals ignored).</summary>
    public static double Rms(double[,] truth, double[,] estimate)
    {
        var n = truth.GetLength(0);
        if (n < 2 || truth.GetLength(1) != n || estimate.GetLength(0) != n || estimate.GetLength(1) != n)
            throw new ArgumentException($"the matrices must both be n×n with n ≥ 2 (got {n}×{truth.GetLength(1)} and {estimate.GetLength(0)}×{estimate.GetLength(1)})");
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
        {
            var d = truth[i, j] - estimate[i, j];
            sum += d * d;
        }
        return Math.Sqrt(sum / (n * (n - 1) / 2.0));
    }
}

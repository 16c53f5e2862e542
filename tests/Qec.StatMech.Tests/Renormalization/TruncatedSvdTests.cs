using Qec.StatMech.Renormalization;

namespace Qec.StatMech.Tests.Renormalization;

public class TruncatedSvdTests
{
    /// <summary>The randomized split of a matrix with a decaying spectrum reproduces the best rank-k approximation:
    /// its residual equals the discarded singular values' norm (Eckart–Young).</summary>
    [Fact]
    public void RandomizedSplitIsTheBestRankKApproximation()
    {
        const int n = 150, rank = 12;
        var random = new Random(2);
        var matrix = new double[n * n];
        // M = Σ_k 0.6^k u_k v_kᵀ with random (non-orthogonal, then mixed) vectors: a smooth decaying spectrum.
        for (var k = 0; k < 40; k++)
        {
            var u = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) matrix[i * n + j] += Math.Pow(0.6, k) * u[i] * v[j];
        }
        var (left, right) = TruncatedSvd.Split(matrix, n, n, rank);
        var exact = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => matrix[i * n + j]).Svd();
        var discarded = Math.Sqrt(exact.S.Skip(rank).Sum(s => s * s));
        var residual = 0.0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            var approx = 0.0;
            for (var k = 0; k < rank; k++) approx += left[i * rank + k] * right[k * n + j];
            residual += (matrix[i * n + j] - approx) * (matrix[i * n + j] - approx);
        }
        Assert.Equal(discarded, Math.Sqrt(residual), discarded * 1e-6);
    }
}

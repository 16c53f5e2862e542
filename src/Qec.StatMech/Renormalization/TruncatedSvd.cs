using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Qec.StatMech.Renormalization;

/// <summary>
/// Rank-k splits M ≈ (U_k √σ_k)(√σ_k V_kᵀ) keeping the k largest singular values, on row-major arrays. Small
/// matrices go straight to MathNet's SVD. Larger ones (a χ = 20 TRG step splits 400×400 matrices, where MathNet's
/// managed SVD takes ~2 s) take randomized subspace iteration (Halko, Martinsson &amp; Tropp, SIAM Rev. 53, 217, 2011,
/// alg. 4.4): an orthonormal basis Q of M Ω for a Gaussian Ω with 2k columns, refined by <see cref="PowerIterations"/>
/// rounds of Q ← orth(M orth(Mᵀ Q)), then MathNet's SVD of the small Qᵀ M. The error in σ_j falls like
/// (σ_{2k+1}/σ_j)^{2q+1}; TRG spectra decay fast, so this is exact to rounding for every kept value in practice.
/// Directions with σ ≤ 1e-14 σ_max (1e-7 on the randomized route, whose small Gram matrix resolves σ only to ~√ε σ_max)
/// are dropped as zero columns/rows, so the split always has exactly k columns.
/// </summary>
internal static class TruncatedSvd
{
    /// <summary>Matrices with more rows than this take the randomized route.</summary>
    public const int DirectLimit = 64;

    /// <summary>Subspace-iteration rounds q.</summary>
    public const int PowerIterations = 4;

    /// <summary>(left rows×k, right k×cols), both row-major, of the row-major <paramref name="matrix"/>.</summary>
    public static (double[] Left, double[] Right) Split(double[] matrix, int rows, int columns, int rank)
    {
        var sketch = Math.Min(Math.Min(rows, columns), 2 * rank + 4);
        if (rows <= DirectLimit || sketch >= Math.Min(rows, columns)) return Direct(matrix, rows, columns, rank);
        var random = new Random(12345);
        var q = new double[sketch][];
        for (var j = 0; j < sketch; j++)
        {
            var omega = new double[columns];
            for (var c = 0; c < columns; c++) omega[c] = Gaussian(random);
            q[j] = Multiply(matrix, rows, columns, omega);
        }
        Orthonormalize(q);
        for (var round = 0; round < PowerIterations; round++)
        {
            var z = MultiplyTransposed(matrix, rows, columns, q);
            Orthonormalize(z);
            for (var j = 0; j < sketch; j++) q[j] = Multiply(matrix, rows, columns, z[j]);
            Orthonormalize(q);
        }
        // Qᵀ M = W Σ Vᵀ from the small Gram matrix (Qᵀ M)(Qᵀ M)ᵀ = W Σ² Wᵀ; then √σ Vᵀ = Wᵀ Qᵀ M / √σ and U √σ = Q W √σ.
        var small = MultiplyTransposed(matrix, rows, columns, q);
        var gram = Matrix<double>.Build.Dense(sketch, sketch, (i, j) => TensorPrimitives.Dot(small[i], small[j]));
        var evd = gram.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, sketch).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var largest = Math.Sqrt(Math.Max(evd.EigenValues[order[0]].Real, 0));
        var left = new double[rows * rank];
        var right = new double[rank * columns];
        var rowOfRight = new double[columns];
        for (var k = 0; k < rank; k++)
        {
            var sigma = Math.Sqrt(Math.Max(evd.EigenValues[order[k]].Real, 0));
            if (sigma <= 1e-7 * largest) break;   // through the Gram matrix σ is only good to ~√ε σ_max
            var root = Math.Sqrt(sigma);
            Array.Clear(rowOfRight);
            for (var j = 0; j < sketch; j++)
            {
                var w = evd.EigenVectors[j, order[k]];
                TensorPrimitives.MultiplyAdd(small[j], w / root, rowOfRight, rowOfRight);
                for (var i = 0; i < rows; i++) left[i * rank + k] += q[j][i] * w * root;
            }
            rowOfRight.CopyTo(right, k * columns);
        }
        return (left, right);
    }

    internal static (double[] Left, double[] Right) Direct(double[] matrix, int rows, int columns, int rank)
    {
        var svd = Matrix<double>.Build.Dense(rows, columns, (i, j) => matrix[i * columns + j]).Svd(computeVectors: true);
        var left = new double[rows * rank];
        var right = new double[rank * columns];
        for (var k = 0; k < rank && k < svd.S.Count; k++)
        {
            if (svd.S[k] <= 1e-14 * svd.S[0]) break;
            var root = Math.Sqrt(svd.S[k]);
            for (var i = 0; i < rows; i++) left[i * rank + k] = svd.U[i, k] * root;
            for (var c = 0; c < columns; c++) right[k * columns + c] = svd.VT[k, c] * root;
        }
        return (left, right);
    }

    /// <summary>M v.</summary>
    private static double[] Multiply(double[] matrix, int rows, int columns, double[] vector)
    {
        var result = new double[rows];
        for (var i = 0; i < rows; i++) result[i] = TensorPrimitives.Dot(matrix.AsSpan(i * columns, columns), vector);
        return result;
    }

    /// <summary>Mᵀ v_j for every j.</summary>
    private static double[][] MultiplyTransposed(double[] matrix, int rows, int columns, double[][] vectors)
    {
        var result = new double[vectors.Length][];
        for (var j = 0; j < vectors.Length; j++)
        {
            var sum = result[j] = new double[columns];
            for (var i = 0; i < rows; i++)
                if (vectors[j][i] != 0) TensorPrimitives.MultiplyAdd(matrix.AsSpan(i * columns, columns), vectors[j][i], sum, sum);
        }
        return result;
    }

    /// <summary>Modified Gram–Schmidt, twice ("twice is enough"). A vector that loses all but 1e-10 of its norm to the
    /// projections lies in the span of the earlier ones (M has lower rank than the sketch) and becomes zero rather than
    /// amplified rounding noise.</summary>
    private static void Orthonormalize(double[][] vectors)
    {
        for (var pass = 0; pass < 2; pass++)
        for (var j = 0; j < vectors.Length; j++)
        {
            var before = TensorPrimitives.Norm(vectors[j]);
            if (before == 0) continue;
            for (var p = 0; p < j; p++)
            {
                var overlap = TensorPrimitives.Dot(vectors[p], vectors[j]);
                TensorPrimitives.MultiplyAdd(vectors[p], -overlap, vectors[j], vectors[j]);
            }
            var norm = TensorPrimitives.Norm(vectors[j]);
            if (norm > 1e-10 * before) TensorPrimitives.Divide(vectors[j], norm, vectors[j]);
            else Array.Clear(vectors[j]);
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

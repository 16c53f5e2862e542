using MathNet.Numerics.LinearAlgebra;
using Qec.TensorNetwork.Planar.Engine;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// The engine's one-sided Jacobi SVD against MathNet.Numerics' (an independent Golub–Kahan implementation) on random
/// matrices, wide and tall, full rank and rank-deficient: the same singular values (1e-12 relative to the largest),
/// orthonormal factors, U·S·Vᵀ = M untruncated, and a truncation whose discarded weight is the dropped Σ s_i².
/// </summary>
public class JacobiSvdTests
{
    [Theory]
    [InlineData(4, 16, 0, 8)]
    [InlineData(16, 64, 0, 8)]
    [InlineData(16, 8, 0, 16)]
    [InlineData(12, 30, 5, 12)]
    [InlineData(32, 6, 3, 2)]
    [InlineData(1, 7, 0, 4)]
    public void Singular_values_and_factors_match_an_independent_svd(int rows, int cols, int rank, int keep)
    {
        var random = new Random(rows * 1000 + cols * 10 + rank);
        var m = rank == 0 ? Matrix<double>.Build.Dense(rows, cols, (_, _) => random.NextDouble() - 0.5)
            : Matrix<double>.Build.Dense(rows, rank, (_, _) => random.NextDouble() - 0.5) * Matrix<double>.Build.Dense(rank, cols, (_, _) => random.NextDouble() - 0.5);
        var layout = BoundaryLayout.For(64, 2, 1, 0) with { ThetaSize = rows * cols + 1, ShortSide = Math.Min(rows, cols) + 1 };
        var doubles = new double[layout.DoubleLength + 3 * rows * cols];
        var mem = new ArrayBoundaryShot(doubles, new int[1], new byte[1], new double[1]);
        int source = layout.DoubleLength, left = source + rows * cols, right = left + rows * cols;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                doubles[source + r * cols + c] = m[r, c];
            }
        }
        var expected = m.Svd(computeVectors: false).S;
        double top = expected[0];

        var full = JacobiSvd.Decompose(mem, layout, source, rows, cols, int.MaxValue);
        int numericalRank = expected.Count(s => s > JacobiSvd.RankCutoff * top);
        Assert.Equal(numericalRank, full.Kept);
        for (int i = 0; i < full.Kept; i++)
        {
            Assert.True(Math.Abs(expected[i] - doubles[layout.SvdValues + i]) <= 1e-12 * top, $"s_{i}: {doubles[layout.SvdValues + i]} vs {expected[i]}");
        }
        JacobiSvd.WriteLeft(mem, layout, full, left, scaled: true);
        JacobiSvd.WriteRight(mem, layout, full, right, scaled: false);
        var us = Matrix<double>.Build.Dense(rows, full.Kept, (r, i) => doubles[left + r * full.Kept + i]);
        var vt = Matrix<double>.Build.Dense(full.Kept, cols, (i, c) => doubles[right + i * cols + c]);
        Assert.True((us * vt - m).FrobeniusNorm() <= 1e-12 * top, "U·S·Vᵀ differs from M");
        Assert.True((vt * vt.Transpose() - Matrix<double>.Build.DenseIdentity(full.Kept)).FrobeniusNorm() <= 1e-12, "V is not orthonormal");

        var truncated = JacobiSvd.Decompose(mem, layout, source, rows, cols, keep);
        Assert.Equal(Math.Min(keep, numericalRank), truncated.Kept);
        double total = expected.Sum(s => s * s), dropped = expected.Skip(truncated.Kept).Sum(s => s * s);
        Assert.Equal(dropped / total, truncated.Discarded, 1e-12);
        JacobiSvd.WriteLeft(mem, layout, truncated, left, scaled: false);
        var u = Matrix<double>.Build.Dense(rows, truncated.Kept, (r, i) => doubles[left + r * truncated.Kept + i]);
        Assert.True((u.Transpose() * u - Matrix<double>.Build.DenseIdentity(truncated.Kept)).FrobeniusNorm() <= 1e-12, "U is not orthonormal");
    }

    [Fact]
    public void A_zero_matrix_keeps_one_zero_triplet()
    {
        var layout = BoundaryLayout.For(8, 2, 2, 0);
        var doubles = new double[layout.DoubleLength];
        var mem = new ArrayBoundaryShot(doubles, new int[1], new byte[1], new double[1]);
        var svd = JacobiSvd.Decompose(mem, layout, layout.ThetaA, 4, 4, 8);
        Assert.Equal(1, svd.Kept);
        Assert.Equal(0, svd.Discarded);
        Assert.Equal(0, doubles[layout.SvdValues]);
    }
}

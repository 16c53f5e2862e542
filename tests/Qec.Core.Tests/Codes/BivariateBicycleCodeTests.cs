using Qec.Core.Algebra;
using Qec.Core.Codes;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Codes;

/// <summary>
/// Bivariate bicycle codes against the reference matrices of ../shared/reference/bp (exact equality,
/// which pins the qubit indexing) and against the parameters [[n, k]] that Bravyi et al. (Nature 2024)
/// list for their codes.
/// </summary>
public sealed class BivariateBicycleCodeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("bb72")]
    [InlineData("bb144")]
    public void MatricesEqualTheReferenceFilesExactly(string name)
    {
        if (BbReference.Folder(name, output) is not { } folder)
        {
            return;
        }
        var (_, l, m, rank) = BbReference.Codes.Single(c => c.Name == name);
        var code = BivariateBicycleCode.Create(l, m, BbReference.A, BbReference.B).Code;
        Assert.Equal(BbReference.Matrix(folder, name + "_HX.txt"), code.HX);
        Assert.Equal(BbReference.Matrix(folder, name + "_HZ.txt"), code.HZ);
        Assert.Equal((2 * l * m, 12, rank, rank), (code.NumQubits, code.NumLogicals, code.RankHX, code.RankHZ));
    }

    /// <summary>The codes of Bravyi et al. 2024 (their table of bivariate bicycle codes), and the toric code A = 1 + x, B = 1 + y (k = 2).</summary>
    [Theory]
    [InlineData(6, 6, "x^3+y+y^2", "y^3+x+x^2", 72, 12)]
    [InlineData(15, 3, "x9+y+y2", "1+x2+x7", 90, 8)]
    [InlineData(9, 6, "x3+y+y2", "y3+x+x2", 108, 8)]
    [InlineData(12, 6, "x3+y+y2", "y3+x+x2", 144, 12)]
    [InlineData(12, 12, "x3+y2+y7", "y3+x+x2", 288, 12)]
    [InlineData(5, 4, "1+x", "1+y", 40, 2)]
    public void ParametersMatchThePaper(int l, int m, string a, string b, int n, int k)
    {
        var bb = BivariateBicycleCode.Create(l, m, a, b);
        Assert.Equal(n, bb.Code.NumQubits);
        Assert.Equal(k, bb.Code.NumLogicals);
        Assert.Equal(bb.Code.RankHX, bb.Code.RankHZ);
        Assert.Equal((l, m), (bb.L, bb.M));
        Assert.Equal(a, bb.A.Text);
        for (int r = 0; r < bb.Code.HZ.Rows; r++)
        {
            Assert.Equal(a.Split('+').Length + b.Split('+').Length, bb.Code.HZ.RowWeight(r));
        }
    }

    [Fact]
    public void CheckPositionIsRowMajorOnTheTorus()
    {
        var bb = BivariateBicycleCode.Create(12, 6, BbReference.A, BbReference.B);
        Assert.Equal((0, 0), bb.CheckPosition(0));
        Assert.Equal((0, 5), bb.CheckPosition(5));
        Assert.Equal((1, 0), bb.CheckPosition(6));
        Assert.Equal((11, 5), bb.CheckPosition(71));
    }

    [Fact]
    public void MonomialMatrixShiftsBasisVectors()
    {
        // On Z_3 × Z_2, x·y sends (i, j) to (i+1, j+1): column i·2 + j has its one in row ((i+1) mod 3)·2 + (j+1) mod 2.
        var xy = BivariatePolynomial.Parse("xy").ToMatrix(3, 2);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                var column = Enumerable.Range(0, 6).Where(r => xy[r, i * 2 + j]).ToArray();
                Assert.Equal([(i + 1) % 3 * 2 + (j + 1) % 2], column);
            }
        }
        Assert.Equal(BinaryMatrix.Identity(6), BivariatePolynomial.Parse("1").ToMatrix(3, 2));
        Assert.Equal(BinaryMatrix.Identity(6), BivariatePolynomial.Parse("x3y2").ToMatrix(3, 2));
    }

    [Theory]
    [InlineData(6, 6, "x+x7", "y", "x and x7 are the same monomial on Z_6 × Z_6")]
    [InlineData(0, 6, "x", "y", "l and m must be at least 1")]
    [InlineData(6, -1, "x", "y", "l and m must be at least 1")]
    [InlineData(3, 3, "1", "1", "encodes no logical qubit")]
    public void BadParametersAreExplained(int l, int m, string a, string b, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => BivariateBicycleCode.Create(l, m, a, b));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

using Qec.Core.Algebra;

namespace Qec.Core.Tests.Algebra;

/// <summary>
/// GF(2) algebra against brute-force oracles on random matrices (fixed seeds), with sizes on both
/// sides of the 64-bit word boundary: ranks from the size of the enumerated row space, kernels from
/// enumerating every vector, products from a triple loop over bool entries.
/// </summary>
public sealed class BinaryMatrixTests
{
    public static TheoryData<int, int, int> Sizes() => new()
    {
        { 1, 1, 1 }, { 3, 5, 2 }, { 6, 6, 3 }, { 8, 12, 4 }, { 10, 63, 5 }, { 11, 64, 6 }, { 12, 65, 7 }, { 9, 130, 8 }, { 12, 7, 9 },
    };

    internal static BinaryMatrix Random(int rows, int columns, int seed, double density = 0.4)
    {
        var random = new Random(seed);
        var matrix = new BinaryMatrix(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = random.NextDouble() < density;
            }
        }
        return matrix;
    }

    /// <summary>Every vector of the row space, as text: 2^rows combinations (rows ≤ 12).</summary>
    private static HashSet<string> RowSpace(BinaryMatrix m)
    {
        var space = new HashSet<string>();
        for (int mask = 0; mask < 1 << m.Rows; mask++)
        {
            var sum = new bool[m.Columns];
            for (int r = 0; r < m.Rows; r++)
            {
                if ((mask >> r & 1) != 0)
                {
                    for (int c = 0; c < m.Columns; c++)
                    {
                        sum[c] ^= m[r, c];
                    }
                }
            }
            space.Add(string.Concat(sum.Select(b => b ? '1' : '0')));
        }
        return space;
    }

    private static BinaryMatrix NaiveProduct(BinaryMatrix a, BinaryMatrix b)
    {
        var product = new BinaryMatrix(a.Rows, b.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Columns; j++)
            {
                bool sum = false;
                for (int k = 0; k < a.Columns; k++)
                {
                    sum ^= a[i, k] && b[k, j];
                }
                product[i, j] = sum;
            }
        }
        return product;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RankIsLog2OfTheRowSpaceSize(int rows, int columns, int seed)
    {
        var m = Random(rows, columns, seed);
        int size = RowSpace(m).Count;
        Assert.Equal(size, 1 << m.Rank());
        Assert.Equal(m.Rank(), m.Transpose().Rank());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RowReduceGivesTheReducedEchelonFormOfTheSameSpace(int rows, int columns, int seed)
    {
        var m = Random(rows, columns, seed);
        var reduction = m.RowReduce();
        Assert.Equal(m.Rank(), reduction.Rank);
        Assert.Equal(RowSpace(m), RowSpace(reduction.Reduced));
        for (int i = 0; i < reduction.Rank; i++)
        {
            int pivot = reduction.PivotColumns[i];
            Assert.True(i == 0 || reduction.PivotColumns[i - 1] < pivot, "pivots ascend");
            Assert.Equal(pivot, reduction.Reduced.RowSupport(i)[0]);
            for (int j = 0; j < reduction.Rank; j++)
            {
                Assert.Equal(i == j, reduction.Reduced[j, pivot]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void KernelIsTheWholeNullSpace(int rows, int columns, int seed)
    {
        var m = Random(rows, columns, seed);
        var kernel = m.KernelBasis();
        Assert.Equal(columns - m.Rank(), kernel.Rows);
        Assert.Equal(kernel.Rows, kernel.Rank());
        Assert.True(m.Multiply(kernel.Transpose()).IsZero);
        if (columns <= 14)
        {
            // Count {v : M v = 0} by enumeration: it must be 2^(n − rank).
            int count = 0;
            for (int v = 0; v < 1 << columns; v++)
            {
                var vector = new BinaryMatrix(columns, 1);
                for (int c = 0; c < columns; c++)
                {
                    vector[c, 0] = (v >> c & 1) != 0;
                }
                count += m.Multiply(vector).IsZero ? 1 : 0;
            }
            Assert.Equal(1 << kernel.Rows, count);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BasisModuloCompletesTheSubspace(int rows, int columns, int seed)
    {
        var space = Random(rows, columns, seed);
        var sub = Random(Math.Max(1, rows / 2), columns, seed + 100);
        var basis = space.BasisModulo(sub);
        int subRank = sub.Rank();
        Assert.Equal(subRank + basis.Rows, BinaryMatrix.StackRows(sub, basis).Rank());
        Assert.Equal(BinaryMatrix.StackRows(sub, space).Rank(), BinaryMatrix.StackRows(sub, basis).Rank());
        for (int i = 0; i < basis.Rows; i++)
        {
            Assert.True(space.RowSpaceContains(basis.Row(i)));
        }
    }

    [Fact]
    public void BasisModuloOfAHandExample()
    {
        // span{110, 011, 101} = {x : x0 + x1 + x2 = 0}; modulo span{110} one vector is left: 011 (the first row outside).
        var space = BinaryMatrix.FromRows("110", "011", "101");
        var basis = space.BasisModulo(BinaryMatrix.FromRows("110"));
        Assert.Equal(BinaryMatrix.FromRows("011"), basis);
        Assert.Equal(0, space.BasisModulo(space).Rows);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ProductAndTransposeMatchTheTripleLoop(int rows, int columns, int seed)
    {
        var a = Random(rows, columns, seed);
        var b = Random(columns, rows + 3, seed + 7);
        Assert.Equal(NaiveProduct(a, b), a.Multiply(b));
        var t = a.Transpose();
        Assert.Equal(columns, t.Rows);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(a[r, c], t[c, r]);
            }
        }
        Assert.Equal(a, t.Transpose());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MultiplyB8IgnoresPaddingAndMatchesTheProduct(int rows, int columns, int seed)
    {
        var m = Random(rows, columns, seed);
        var random = new Random(seed);
        var vector = new byte[(columns + 7) / 8];
        random.NextBytes(vector);
        var column = new BinaryMatrix(columns, 1);
        for (int c = 0; c < columns; c++)
        {
            column[c, 0] = (vector[c / 8] >> (c % 8) & 1) != 0;
        }
        var product = new byte[(rows + 7) / 8];
        Array.Fill(product, (byte)0xFF);
        m.MultiplyB8(vector, product);
        var expected = m.Multiply(column);
        for (int r = 0; r < product.Length * 8; r++)
        {
            Assert.Equal(r < rows && expected[r, 0], (product[r / 8] >> (r % 8) & 1) != 0);
        }
        Assert.Throws<ArgumentException>(() => m.MultiplyB8(new byte[vector.Length + 1], product));
        Assert.Throws<ArgumentException>(() => m.MultiplyB8(vector, new byte[product.Length + 1]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(12, 3)]
    [InlineData(70, 4)]
    public void InverseTimesMatrixIsIdentity(int n, int seed)
    {
        var random = new Random(seed);
        BinaryMatrix m;
        do
        {
            m = Random(n, n, random.Next(), 0.5);
        }
        while (m.Rank() < n);
        Assert.Equal(BinaryMatrix.Identity(n), m.Multiply(m.Inverse()));
        Assert.Equal(BinaryMatrix.Identity(n), m.Inverse().Multiply(m));
    }

    [Fact]
    public void SingularAndNonSquareMatricesHaveNoInverse()
    {
        Assert.Contains("singular", Assert.Throws<InvalidOperationException>(() => BinaryMatrix.FromRows("11", "11").Inverse()).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => BinaryMatrix.FromRows("110").Inverse());
    }

    [Fact]
    public void BlocksStackAndConcatenate()
    {
        var a = BinaryMatrix.FromRows("10", "01");
        var b = BinaryMatrix.FromRows("11", "00");
        Assert.Equal(BinaryMatrix.FromRows("10", "01", "11", "00"), BinaryMatrix.StackRows(a, b));
        Assert.Equal(BinaryMatrix.FromRows("1011", "0100"), BinaryMatrix.ConcatColumns(a, b));
        Assert.Throws<ArgumentException>(() => BinaryMatrix.StackRows(a, BinaryMatrix.FromRows("1")));
        Assert.Throws<ArgumentException>(() => BinaryMatrix.ConcatColumns(a, BinaryMatrix.FromRows("1")));
        Assert.Throws<ArgumentException>(() => a.Multiply(BinaryMatrix.FromRows("1")));
    }

    [Fact]
    public void ConstructionChecksItsInput()
    {
        Assert.Contains("'2'", Assert.Throws<ArgumentException>(() => BinaryMatrix.FromRows("012")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BinaryMatrix.FromRows("01", "0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMatrix.FromRowSupports(3, [[3]]));
        Assert.Equal(BinaryMatrix.FromRows("101", "000"), BinaryMatrix.FromRowSupports(3, [[2, 0], [1, 1]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMatrix.Identity(2)[2, 0]);
        Assert.Equal("10\n01\n", BinaryMatrix.Identity(2).ToString());
        Assert.Equal([0, 64, 129], BinaryMatrix.FromRowSupports(130, [[129, 64, 0]]).RowSupport(0));
        Assert.Equal(3, BinaryMatrix.FromRowSupports(130, [[129, 64, 0]]).RowWeight(0));
    }
}

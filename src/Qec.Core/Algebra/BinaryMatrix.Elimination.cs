namespace Qec.Core.Algebra;

/// <summary>Linear algebra over GF(2) by Gauss–Jordan elimination (see <see cref="EchelonBasis"/>).</summary>
public sealed partial class BinaryMatrix
{
    /// <summary>The rank over GF(2).</summary>
    public int Rank()
    {
        var basis = new EchelonBasis(Columns);
        basis.AddRows(this);
        return basis.Rank;
    }

    /// <summary>The reduced row echelon form: nonzero rows sorted by pivot, pivot columns ascending.</summary>
    public RowReduction RowReduce()
    {
        var basis = new EchelonBasis(Columns);
        basis.AddRows(this);
        // Each basis vector b is zero left of its pivot p: p was its lowest bit when added, and a later
        // vector v with pivot q is XOR-ed into b only when b[q] = 1, so q > p, and v is zero left of q.
        // So sorted by pivot, the fully reduced basis is the reduced row echelon form.
        int[] order = Enumerable.Range(0, basis.Rank).OrderBy(i => basis.Pivots[i]).ToArray();
        var reduced = new BinaryMatrix(basis.Rank, Columns);
        var pivots = new int[basis.Rank];
        for (int i = 0; i < order.Length; i++)
        {
            basis.Vectors[order[i]].CopyTo(reduced.MutableRow(i));
            pivots[i] = basis.Pivots[order[i]];
        }
        return new RowReduction(reduced, pivots);
    }

    /// <summary>
    /// A basis of the kernel (null space) {v : this · v = 0}, one vector per row: Columns − Rank rows.
    /// From the reduced form R with pivots p_i: for each free (non-pivot) column f, the vector with a
    /// one at f and at p_i for every row i with R[i, f] = 1.
    /// </summary>
    public BinaryMatrix KernelBasis()
    {
        var reduction = RowReduce();
        var isPivot = new bool[Columns];
        foreach (int p in reduction.PivotColumns)
        {
            isPivot[p] = true;
        }
        var kernel = new BinaryMatrix(Columns - reduction.Rank, Columns);
        int row = 0;
        for (int free = 0; free < Columns; free++)
        {
            if (isPivot[free])
            {
                continue;
            }
            kernel[row, free] = true;
            for (int i = 0; i < reduction.Rank; i++)
            {
                if (reduction.Reduced[i, free])
                {
                    kernel[row, reduction.PivotColumns[i]] = true;
                }
            }
            row++;
        }
        return kernel;
    }

    /// <summary>
    /// Rows of this matrix that form a basis of rowspace(this) modulo rowspace(<paramref name="subspace"/>):
    /// taken greedily in order, a row is kept when it is independent of the subspace and of the rows
    /// kept before it. So the kept rows together with any basis of the subspace span
    /// rowspace(this) + rowspace(subspace), and no nonzero combination of kept rows lies in the subspace.
    /// </summary>
    public BinaryMatrix BasisModulo(BinaryMatrix subspace)
    {
        if (subspace.Columns != Columns)
        {
            throw new ArgumentException($"the subspace has {subspace.Columns} columns, this matrix {Columns}", nameof(subspace));
        }
        var basis = new EchelonBasis(Columns);
        basis.AddRows(subspace);
        var kept = new List<int>();
        for (int r = 0; r < Rows; r++)
        {
            if (basis.TryAdd(Row(r)))
            {
                kept.Add(r);
            }
        }
        var result = new BinaryMatrix(kept.Count, Columns);
        for (int i = 0; i < kept.Count; i++)
        {
            Row(kept[i]).CopyTo(result.MutableRow(i));
        }
        return result;
    }

    /// <summary>Whether a vector (packed like a row) lies in the row space.</summary>
    public bool RowSpaceContains(ReadOnlySpan<ulong> vector)
    {
        var basis = new EchelonBasis(Columns);
        basis.AddRows(this);
        return basis.Contains(vector);
    }

    /// <summary>The inverse of a square matrix: row reduction of [this | I] gives [I | this⁻¹].</summary>
    /// <exception cref="InvalidOperationException">the matrix is not square or is singular.</exception>
    public BinaryMatrix Inverse()
    {
        if (Rows != Columns)
        {
            throw new InvalidOperationException($"a {Rows}×{Columns} matrix has no inverse");
        }
        var reduction = ConcatColumns(this, Identity(Rows)).RowReduce();
        if (reduction.Rank < Rows || reduction.PivotColumns[Rows - 1] != Rows - 1)
        {
            throw new InvalidOperationException($"the {Rows}×{Rows} matrix is singular over GF(2)");
        }
        var inverse = new BinaryMatrix(Rows, Rows);
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Rows; c++)
            {
                inverse[r, c] = reduction.Reduced[r, Rows + c];
            }
        }
        return inverse;
    }
}

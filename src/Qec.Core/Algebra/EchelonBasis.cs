namespace Qec.Core.Algebra;

/// <summary>
/// A basis of a subspace of GF(2)^n grown one vector at a time, kept fully reduced: every basis vector
/// b_i has a pivot column p_i with b_i[p_i] = 1 and b_j[p_i] = 0 for j ≠ i (the rows of a reduced
/// row echelon form, in insertion order). Reducing a vector clears its pivot bits in any order,
/// because XOR-ing b_i changes no other pivot bit; what is left is zero exactly when the vector lies
/// in the span (Gauss–Jordan elimination, one row at a time).
/// </summary>
internal sealed class EchelonBasis(int columns)
{
    private readonly List<ulong[]> _vectors = [];
    private readonly List<int> _pivots = [];

    /// <summary>Dimension of the span so far.</summary>
    public int Rank => _vectors.Count;

    /// <summary>The basis vectors, each with its pivot column, in insertion order.</summary>
    public IReadOnlyList<ulong[]> Vectors => _vectors;

    /// <summary>The pivot column of each basis vector.</summary>
    public IReadOnlyList<int> Pivots => _pivots;

    /// <summary>Adds every row of a matrix.</summary>
    public void AddRows(BinaryMatrix matrix)
    {
        for (int r = 0; r < matrix.Rows; r++)
        {
            TryAdd(matrix.Row(r));
        }
    }

    /// <summary>Adds a vector if it is outside the span; returns whether it was.</summary>
    public bool TryAdd(ReadOnlySpan<ulong> vector)
    {
        var reduced = vector.ToArray();
        Reduce(reduced);
        int pivot = LowestSetBit(reduced);
        if (pivot < 0)
        {
            return false;
        }
        // Keep the basis fully reduced: clear the new pivot from every older vector. The new vector is
        // zero on every older pivot, so their pivot bits survive, and zero left of its own pivot.
        int word = pivot >> 6;
        ulong bit = 1UL << (pivot & 63);
        foreach (var older in _vectors)
        {
            if ((older[word] & bit) != 0)
            {
                BinaryMatrix.Xor(older.AsSpan(word), reduced.AsSpan(word));
            }
        }
        _vectors.Add(reduced);
        _pivots.Add(pivot);
        return true;
    }

    /// <summary>Whether a vector lies in the span.</summary>
    public bool Contains(ReadOnlySpan<ulong> vector)
    {
        var reduced = vector.ToArray();
        Reduce(reduced);
        return LowestSetBit(reduced) < 0;
    }

    private void Reduce(Span<ulong> vector)
    {
        if (vector.Length != BinaryMatrix.WordsFor(columns))
        {
            throw new ArgumentException($"a vector of {vector.Length} words does not fit {columns} columns", nameof(vector));
        }
        for (int i = 0; i < _vectors.Count; i++)
        {
            int pivot = _pivots[i];
            if ((vector[pivot >> 6] >> (pivot & 63) & 1) != 0)
            {
                // Basis vectors are zero left of their pivot (see BinaryMatrix.RowReduce), so the words before it are unchanged.
                BinaryMatrix.Xor(vector[(pivot >> 6)..], _vectors[i].AsSpan(pivot >> 6));
            }
        }
    }

    private static int LowestSetBit(ReadOnlySpan<ulong> vector)
    {
        for (int w = 0; w < vector.Length; w++)
        {
            if (vector[w] != 0)
            {
                return w * 64 + System.Numerics.BitOperations.TrailingZeroCount(vector[w]);
            }
        }
        return -1;
    }
}

namespace Qec.Core.Algebra;

/// <summary>
/// The reduced row echelon form of a matrix over GF(2) (<see cref="BinaryMatrix.RowReduce"/>): its
/// nonzero rows, sorted by pivot column, and those pivot columns.
/// Invariant: row i has a one in column <c>PivotColumns[i]</c>, zeros left of it, and is the only row
/// with a one in that column; <c>PivotColumns</c> is strictly ascending.
/// </summary>
/// <param name="Reduced">The <see cref="Rank"/> nonzero rows of the reduced form (Rank × Columns).</param>
/// <param name="PivotColumns">The pivot column of each row, ascending.</param>
public sealed record RowReduction(BinaryMatrix Reduced, IReadOnlyList<int> PivotColumns)
{
    /// <summary>The rank: number of pivots.</summary>
    public int Rank => PivotColumns.Count;
}

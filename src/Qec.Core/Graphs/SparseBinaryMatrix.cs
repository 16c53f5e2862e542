namespace Qec.Core.Graphs;

/// <summary>
/// An immutable sparse 0/1 matrix stored both by rows and by columns (CSR and CSC), so belief
/// propagation can walk checks → variables and variables → checks without searching.
/// Invariant: the column indices of each row, and the row indices of each column, are ascending.
/// </summary>
public sealed class SparseBinaryMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _rowColumns;
    private readonly int[] _columnStart;
    private readonly int[] _columnRows;

    /// <summary>Builds the matrix from the rows set in each column (each list ascending, no duplicates).</summary>
    public SparseBinaryMatrix(int rows, IReadOnlyList<int[]> rowsOfColumn)
    {
        Rows = rows;
        Columns = rowsOfColumn.Count;
        _columnStart = new int[Columns + 1];
        for (int c = 0; c < Columns; c++)
        {
            _columnStart[c + 1] = _columnStart[c] + rowsOfColumn[c].Length;
        }
        _columnRows = new int[_columnStart[Columns]];
        _rowStart = new int[rows + 1];
        for (int c = 0; c < Columns; c++)
        {
            rowsOfColumn[c].CopyTo(_columnRows, _columnStart[c]);
            foreach (int r in rowsOfColumn[c])
            {
                if ((uint)r >= (uint)rows)
                {
                    throw new ArgumentOutOfRangeException(nameof(rowsOfColumn), $"column {c} names row {r} of {rows}");
                }
                _rowStart[r + 1]++;
            }
        }
        for (int r = 0; r < rows; r++)
        {
            _rowStart[r + 1] += _rowStart[r];
        }
        _rowColumns = new int[_columnRows.Length];
        var fill = _rowStart[..^1];
        for (int c = 0; c < Columns; c++)
        {
            foreach (int r in rowsOfColumn[c])
            {
                _rowColumns[fill[r]++] = c;
            }
        }
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of ones.</summary>
    public int NonZeros => _columnRows.Length;

    /// <summary>Columns set in a row, ascending.</summary>
    public ReadOnlySpan<int> RowEntries(int row) => _rowColumns.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);

    /// <summary>Rows set in a column, ascending.</summary>
    public ReadOnlySpan<int> ColumnEntries(int column) =>
        _columnRows.AsSpan(_columnStart[column], _columnStart[column + 1] - _columnStart[column]);
}

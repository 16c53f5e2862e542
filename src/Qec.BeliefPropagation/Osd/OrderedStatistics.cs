using System.Numerics;
using Qec.BeliefPropagation.Graph;

namespace Qec.BeliefPropagation.Osd;

/// <summary>
/// Ordered-statistics decoding (Fossorier &amp; Lin 1995; for quantum codes Panteleev &amp; Kalachev,
/// arXiv:1904.02703, and Roffe et al., arXiv:2005.07016): given BP's posteriors, sort the columns of H
/// from least to most reliable, bring [H | s] to reduced row echelon form over GF(2) in that column
/// order (bit-packed rows, 64 columns per word), and read off the solution supported on the pivot
/// columns (OSD-0). With <see cref="OsdMethod.CombinationSweep"/> also try flipping non-pivot columns —
/// each one alone, and each pair among the first <c>order</c> — each fixing the pivot bits by the
/// reduced columns, and keep the candidate of least cost Σ ln(1/p) (ldpc's cost). The result always
/// satisfies the syndrome when any error can. One instance per decoder: it owns its scratch and
/// allocates nothing per shot.
/// </summary>
public sealed class OrderedStatistics
{
    private readonly TannerGraph _graph;
    private readonly OsdMethod _method;
    private readonly int _order, _words, _maxRank;
    private readonly ulong[] _rows;
    private readonly int[] _columnOrder, _pivotPosition, _nonPivotPosition;
    private readonly double[] _pivotCost, _singleCost;
    private readonly UInt128[] _sortKeys;
    private readonly ulong[] _pairColumns;
    private readonly bool[] _solution;

    /// <summary>Scratch for OSD on <paramref name="graph"/> with combination-sweep order <paramref name="order"/> (≥ 0).</summary>
    public OrderedStatistics(TannerGraph graph, OsdMethod method, int order)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        _graph = graph;
        _method = method;
        int m = graph.NumChecks, n = graph.NumVariables;
        _words = (n + 1 + 63) >> 6;  // bit n of each row holds the syndrome
        _rows = new ulong[m * _words];
        _columnOrder = new int[n];
        _pivotPosition = new int[Math.Min(m, n)];
        _nonPivotPosition = new int[n];
        _pivotCost = new double[Math.Min(m, n)];
        _singleCost = new double[n];
        _sortKeys = new UInt128[n];
        _solution = new bool[n];
        _maxRank = Math.Min(m, n);
        _maxRank = RankOfH();
        _order = Math.Min(order, n - _maxRank);
        _pairColumns = new ulong[Math.Max(1, _order) * RankWords];
    }

    /// <summary>rank(H) over GF(2): the pivots every elimination finds.</summary>
    public int Rank => _maxRank;

    /// <summary>The decision of the last <see cref="Solve"/>: one flag per variable.</summary>
    public ReadOnlySpan<bool> Solution => _solution;

    private int RankWords => Math.Max(1, (_maxRank + 63) >> 6);

    /// <summary>
    /// Finds the OSD decision for a b8-packed syndrome given BP's posterior LLRs; returns false when no
    /// error explains the syndrome (it is outside the column space of H), leaving the OSD-0 attempt.
    /// </summary>
    public bool Solve(ReadOnlySpan<byte> packedSyndrome, ReadOnlySpan<double> posteriors)
    {
        SortColumns(posteriors);
        LoadRows(packedSyndrome);
        int rank = Eliminate(out bool consistent);
        WriteOsd0(rank);
        if (consistent && _method == OsdMethod.CombinationSweep && rank < _graph.NumVariables)
        {
            Sweep(rank);
        }
        return consistent;
    }

    /// <summary>
    /// Columns by posterior LLR, smallest first (likeliest flipped first, as ldpc's soft_decision_col_sort),
    /// ties by index: one 128-bit key per column, the LLR's bits made order-preserving above the index,
    /// sorted with the default comparer (a comparer object would cost an allocation per shot).
    /// </summary>
    private void SortColumns(ReadOnlySpan<double> posteriors)
    {
        for (int v = 0; v < _sortKeys.Length; v++)
        {
            _sortKeys[v] = ((UInt128)OrderedBits(posteriors[v]) << 64) | (uint)v;
        }
        _sortKeys.AsSpan().Sort();
        for (int q = 0; q < _sortKeys.Length; q++)
        {
            _columnOrder[q] = (int)(ulong)_sortKeys[q];
        }
    }

    /// <summary>Bits of a double whose unsigned order is the numeric order (−0 taken as +0, so they tie as in comparison).</summary>
    private static ulong OrderedBits(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
    }

    /// <summary>Row c of [H | s] with column j of H at bit position pos(j) (its rank in the order) and s at bit n.</summary>
    private void LoadRows(ReadOnlySpan<byte> packedSyndrome)
    {
        Array.Clear(_rows);
        int n = _graph.NumVariables;
        for (int q = 0; q < n; q++)
        {
            int v = _columnOrder[q];
            for (int k = _graph.ColumnStart[v]; k < _graph.ColumnStart[v + 1]; k++)
            {
                int c = _graph.EdgeCheck[k];
                _rows[c * _words + (q >> 6)] |= 1UL << (q & 63);
            }
        }
        for (int c = 0; c < _graph.NumChecks; c++)
        {
            if (((packedSyndrome[c >> 3] >> (c & 7)) & 1) != 0)
            {
                _rows[c * _words + (n >> 6)] |= 1UL << (n & 63);
            }
        }
    }

    /// <summary>
    /// Gauss-Jordan elimination in column order. Invariant when column q is reached: rows below the
    /// current rank are zero at every position before q (earlier pivots eliminated, earlier non-pivot
    /// columns had no bit there), so a pivot row is zero before q and XORs touch words from q/64 on.
    /// Stops after rank(H) pivots: later columns are all non-pivot.
    /// </summary>
    private int Eliminate(out bool consistent)
    {
        int m = _graph.NumChecks, n = _graph.NumVariables, rank = 0, nonPivots = 0;
        for (int q = 0; q < n; q++)
        {
            if (rank == _maxRank)
            {
                _nonPivotPosition[nonPivots++] = q;
                continue;
            }
            int w = q >> 6;
            ulong bit = 1UL << (q & 63);
            int pivot = rank;
            while (pivot < m && (_rows[pivot * _words + w] & bit) == 0)
            {
                pivot++;
            }
            if (pivot == m)
            {
                _nonPivotPosition[nonPivots++] = q;
                continue;
            }
            SwapRows(pivot, rank, w);
            var pivotRow = _rows.AsSpan(rank * _words + w, _words - w);
            for (int r = 0; r < m; r++)
            {
                if (r != rank && (_rows[r * _words + w] & bit) != 0)
                {
                    Xor(_rows.AsSpan(r * _words + w, _words - w), pivotRow);
                }
            }
            _pivotPosition[rank++] = q;
        }
        int sw = n >> 6;
        ulong sbit = 1UL << (n & 63);
        consistent = true;
        for (int r = rank; r < m; r++)
        {
            consistent &= (_rows[r * _words + sw] & sbit) == 0;
        }
        return rank;
    }

    private void WriteOsd0(int rank)
    {
        Array.Clear(_solution);
        int n = _graph.NumVariables;
        for (int i = 0; i < rank; i++)
        {
            _solution[_columnOrder[_pivotPosition[i]]] = RowBit(i, n);
        }
    }

    /// <summary>
    /// The combination sweep. With s_i = ±cost(pivot i) (minus where OSD-0 flips pivot i, plus where it
    /// does not), flipping a set T of non-pivot columns costs OSD-0's cost plus Σ_{t∈T} cost(t) plus
    /// Σ s_i over the pivots whose reduced row has an odd number of bits in T. Single flips are summed
    /// row by row over the set bits; pairs among the first w use their extracted reduced columns.
    /// </summary>
    private void Sweep(int rank)
    {
        int n = _graph.NumVariables, nonPivots = n - rank;
        var cost = _graph.CostOfFlip;
        for (int i = 0; i < rank; i++)
        {
            double c = cost[_columnOrder[_pivotPosition[i]]];
            _pivotCost[i] = RowBit(i, n) ? -c : c;
        }
        for (int t = 0; t < nonPivots; t++)
        {
            _singleCost[t] = cost[_columnOrder[_nonPivotPosition[t]]];
        }
        AccumulateSingles(rank, nonPivots);
        int bestA = -1, bestB = -1;
        double best = 0;
        for (int t = 0; t < nonPivots; t++)
        {
            if (_singleCost[t] < best)
            {
                best = _singleCost[t];
                bestA = t;
            }
        }
        int order = Math.Min(_order, nonPivots);
        ExtractColumns(rank, order);
        int rw = RankWords;
        for (int a = 0; a < order; a++)
        {
            for (int b = a + 1; b < order; b++)
            {
                double delta = cost[_columnOrder[_nonPivotPosition[a]]] + cost[_columnOrder[_nonPivotPosition[b]]];
                for (int w = 0; w < rw; w++)
                {
                    delta += SumOverBits(_pairColumns[a * rw + w] ^ _pairColumns[b * rw + w], w);
                }
                if (delta < best)
                {
                    best = delta;
                    (bestA, bestB) = (a, b);
                }
            }
        }
        Apply(rank, bestA);
        Apply(rank, bestB);
    }

    /// <summary>_singleCost[t] += Σ s_i over the pivot rows i whose reduced row has non-pivot column t.</summary>
    private void AccumulateSingles(int rank, int nonPivots)
    {
        for (int t = 0; t < nonPivots; t++)
        {
            int q = _nonPivotPosition[t];
            int w = q >> 6;
            ulong bit = 1UL << (q & 63);
            for (int i = 0; i < rank; i++)
            {
                if ((_rows[i * _words + w] & bit) != 0)
                {
                    _singleCost[t] += _pivotCost[i];
                }
            }
        }
    }

    private void ExtractColumns(int rank, int count)
    {
        int rw = RankWords;
        Array.Clear(_pairColumns);
        for (int t = 0; t < count; t++)
        {
            int q = _nonPivotPosition[t];
            for (int i = 0; i < rank; i++)
            {
                if (RowBit(i, q))
                {
                    _pairColumns[t * rw + (i >> 6)] |= 1UL << (i & 63);
                }
            }
        }
    }

    private double SumOverBits(ulong bits, int word)
    {
        double sum = 0;
        while (bits != 0)
        {
            sum += _pivotCost[(word << 6) + BitOperations.TrailingZeroCount(bits)];
            bits &= bits - 1;
        }
        return sum;
    }

    /// <summary>Flips non-pivot column t into the solution and the pivot bits of its reduced column.</summary>
    private void Apply(int rank, int t)
    {
        if (t < 0)
        {
            return;
        }
        int q = _nonPivotPosition[t];
        _solution[_columnOrder[q]] ^= true;
        for (int i = 0; i < rank; i++)
        {
            if (RowBit(i, q))
            {
                _solution[_columnOrder[_pivotPosition[i]]] ^= true;
            }
        }
    }

    private bool RowBit(int row, int position) => (_rows[row * _words + (position >> 6)] & (1UL << (position & 63))) != 0;

    private void SwapRows(int a, int b, int fromWord)
    {
        if (a == b)
        {
            return;
        }
        var x = _rows.AsSpan(a * _words + fromWord, _words - fromWord);
        var y = _rows.AsSpan(b * _words + fromWord, _words - fromWord);
        for (int i = 0; i < x.Length; i++)
        {
            (x[i], y[i]) = (y[i], x[i]);
        }
    }

    private static void Xor(Span<ulong> target, ReadOnlySpan<ulong> source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] ^= source[i];
        }
    }

    /// <summary>rank(H) by the same elimination in natural column order (once, at construction).</summary>
    private int RankOfH()
    {
        for (int v = 0; v < _columnOrder.Length; v++)
        {
            _columnOrder[v] = v;
        }
        LoadRows(new byte[(_graph.NumChecks + 7) >> 3]);
        return Eliminate(out _);
    }
}

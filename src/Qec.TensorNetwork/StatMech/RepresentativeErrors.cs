using Qec.Core.Algebra;
using Qec.Core.Graphs;

namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// One error of every (syndrome, logical class): a solution e of [H; L]·e = [s; c] over GF(2), H the detectors
/// and L the observables of a check matrix. The elimination is done once: row reduction of [H; L | I] gives
/// [R | T] with T·[H; L] = R, so a row i of R with pivot column p &lt; n sets e_p = T_i·b (every other
/// mechanism 0), and a row with no pivot among the mechanisms states a condition T_i·b = 0 that every
/// reachable (s, c) meets. Any solution serves: the coset of e is the same for all of them.
/// </summary>
internal sealed class RepresentativeErrors
{
    private readonly int _mechanisms, _detectors, _observables;
    private readonly int[] _pivots;           // per reduced row: its pivot column (≥ n: a consistency condition)
    private readonly ulong[][] _transforms;   // per reduced row: T_i over the m + k rows of [H; L], packed

    public RepresentativeErrors(CheckMatrix matrix)
    {
        _mechanisms = matrix.NumMechanisms;
        _detectors = matrix.Detectors.Rows;
        _observables = matrix.Observables.Rows;
        int rows = _detectors + _observables;
        var supports = new List<int>[rows];
        for (int r = 0; r < rows; r++)
        {
            supports[r] = [_mechanisms + r];  // the identity block
        }
        for (int j = 0; j < _mechanisms; j++)
        {
            foreach (int c in matrix.Detectors.ColumnEntries(j))
            {
                supports[c].Add(j);
            }
            foreach (int o in matrix.Observables.ColumnEntries(j))
            {
                supports[_detectors + o].Add(j);
            }
        }
        var reduction = BinaryMatrix.FromRowSupports(_mechanisms + rows, supports).RowReduce();
        _pivots = [.. reduction.PivotColumns];
        _transforms = new ulong[_pivots.Length][];
        for (int i = 0; i < _pivots.Length; i++)
        {
            var t = new ulong[(rows + 63) >> 6];
            for (int r = 0; r < rows; r++)
            {
                if (reduction.Reduced[i, _mechanisms + r])
                {
                    t[r >> 6] |= 1UL << (r & 63);
                }
            }
            _transforms[i] = t;
        }
    }

    /// <summary>Rank of [H; L] over GF(2): the pivots among the mechanisms.</summary>
    public int Rank => _pivots.Count(p => p < _mechanisms);

    /// <summary>
    /// An error (one byte 0/1 per mechanism) with syndrome <paramref name="syndrome"/> (b8-packed) and logical
    /// class <paramref name="logicalClass"/> (bit o = observable o), or null when no error has both.
    /// </summary>
    public byte[]? Find(ReadOnlySpan<byte> syndrome, int logicalClass)
    {
        var target = new ulong[(_detectors + _observables + 63) >> 6];
        for (int c = 0; c < _detectors; c++)
        {
            if (((syndrome[c >> 3] >> (c & 7)) & 1) != 0)
            {
                target[c >> 6] |= 1UL << (c & 63);
            }
        }
        for (int o = 0; o < _observables; o++)
        {
            if (((logicalClass >> o) & 1) != 0)
            {
                int r = _detectors + o;
                target[r >> 6] |= 1UL << (r & 63);
            }
        }
        var error = new byte[_mechanisms];
        for (int i = 0; i < _pivots.Length; i++)
        {
            int parity = 0;
            for (int w = 0; w < target.Length; w++)
            {
                parity ^= System.Numerics.BitOperations.PopCount(_transforms[i][w] & target[w]) & 1;
            }
            if (_pivots[i] >= _mechanisms)
            {
                if (parity != 0)
                {
                    return null;  // T_i·[H; L] = 0 but T_i·b = 1: no error has this syndrome and class
                }
                continue;
            }
            error[_pivots[i]] = (byte)parity;
        }
        return error;
    }
}

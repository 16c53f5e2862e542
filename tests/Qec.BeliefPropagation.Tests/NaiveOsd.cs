using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// An independent, deliberately plain OSD for tests: a dense bool matrix, textbook Gauss-Jordan
/// elimination, and each candidate solved from scratch. Same rules as the decoder: columns ordered by
/// (posterior, index); OSD-0; then single flips of every non-pivot column, then pairs among the first w;
/// keep the first candidate of strictly least Σ ln(1/p).
/// </summary>
internal static class NaiveOsd
{
    public static bool[] Solve(CheckMatrix matrix, byte[] syndrome, double[] posteriors, bool combinationSweep, int order)
    {
        int m = matrix.Detectors.Rows, n = matrix.NumMechanisms;
        var columns = Enumerable.Range(0, n).OrderBy(j => posteriors[j]).ThenBy(j => j).ToArray();
        var a = new bool[m, n];
        var b = new bool[m];
        for (int q = 0; q < n; q++)
        {
            foreach (int r in matrix.Detectors.ColumnEntries(columns[q]))
            {
                a[r, q] = true;
            }
        }
        for (int r = 0; r < m; r++)
        {
            b[r] = ((syndrome[r >> 3] >> (r & 7)) & 1) != 0;
        }
        var pivots = new List<int>();
        for (int q = 0; q < n && pivots.Count < m; q++)
        {
            int row = pivots.Count, found = -1;
            for (int r = row; r < m && found < 0; r++)
            {
                found = a[r, q] ? r : -1;
            }
            if (found < 0)
            {
                continue;
            }
            for (int c = 0; c < n; c++)
            {
                (a[row, c], a[found, c]) = (a[found, c], a[row, c]);
            }
            (b[row], b[found]) = (b[found], b[row]);
            for (int r = 0; r < m; r++)
            {
                if (r != row && a[r, q])
                {
                    for (int c = 0; c < n; c++)
                    {
                        a[r, c] ^= a[row, c];
                    }
                    b[r] ^= b[row];
                }
            }
            pivots.Add(q);
        }
        var nonPivots = Enumerable.Range(0, n).Except(pivots).ToList();
        var candidates = new List<int[]> { Array.Empty<int>() };
        if (combinationSweep)
        {
            candidates.AddRange(nonPivots.Select(t => new[] { t }));
            int w = Math.Min(order, nonPivots.Count);
            for (int i = 0; i < w; i++)
            {
                for (int j = i + 1; j < w; j++)
                {
                    candidates.Add([nonPivots[i], nonPivots[j]]);
                }
            }
        }
        bool[]? best = null;
        double bestCost = double.PositiveInfinity;
        foreach (var flips in candidates)
        {
            var x = new bool[n];
            foreach (int t in flips)
            {
                x[columns[t]] = true;
            }
            for (int i = 0; i < pivots.Count; i++)
            {
                bool bit = b[i];
                foreach (int t in flips)
                {
                    bit ^= a[i, t];
                }
                x[columns[pivots[i]]] = bit;
            }
            double cost = 0;
            for (int j = 0; j < n; j++)
            {
                cost += x[j] ? Math.Log(1 / matrix.Priors[j]) : 0;
            }
            if (cost < bestCost - 1e-12)
            {
                (best, bestCost) = (x, cost);
            }
        }
        return best!;
    }
}

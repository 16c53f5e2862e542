using Qec.Core.Graphs;

namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// An order of a model's mechanisms for a boundary sweep: the state of the sweep after t mechanisms holds
/// one bit per detector that some of the first t mechanisms and some later one flip (the frontier), so
/// the contraction costs about Σ_t 2^(frontier_t + k). Detectors of a circuit-level DEM are numbered in
/// time, so sorting mechanisms by their first (or last) detector sweeps through time with a frontier of
/// about two rounds. Both are tried; the cheaper is kept.
/// </summary>
public static class SweepOrder
{
    /// <summary>The cheaper of the two orders, and its cost estimate Σ_t 2^(frontier_t + k).</summary>
    public static (int[] Order, double Cost) Best(CheckMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var h = matrix.Detectors;
        int[] byFirst = Sorted(matrix, j => h.ColumnEntries(j).IsEmpty ? int.MaxValue : h.ColumnEntries(j)[0]);
        int[] byLast = Sorted(matrix, j => h.ColumnEntries(j).IsEmpty ? int.MaxValue : h.ColumnEntries(j)[^1]);
        double first = Cost(matrix, byFirst), last = Cost(matrix, byLast);
        return first <= last ? (byFirst, first) : (byLast, last);
    }

    /// <summary>Σ over the sweep of 2^(frontier + observables).</summary>
    public static double Cost(CheckMatrix matrix, int[] order)
    {
        var h = matrix.Detectors;
        var firstSeen = new int[h.Rows];
        var lastSeen = new int[h.Rows];
        Array.Fill(firstSeen, int.MaxValue);
        Array.Fill(lastSeen, -1);
        for (int t = 0; t < order.Length; t++)
        {
            foreach (int c in h.ColumnEntries(order[t]))
            {
                firstSeen[c] = Math.Min(firstSeen[c], t);
                lastSeen[c] = t;
            }
        }
        // frontier_t = detectors opened at or before t and closed after t: +1 at firstSeen, −1 at lastSeen.
        var delta = new int[order.Length + 1];
        for (int c = 0; c < h.Rows; c++)
        {
            if (lastSeen[c] >= 0)
            {
                delta[firstSeen[c]]++;
                delta[lastSeen[c]]--;
            }
        }
        double cost = 0;
        for (int t = 0, frontier = 0; t < order.Length; t++)
        {
            frontier += delta[t];
            cost += Math.Pow(2, frontier + matrix.Observables.Rows);
        }
        return cost;
    }

    private static int[] Sorted(CheckMatrix matrix, Func<int, int> key) =>
        [.. Enumerable.Range(0, matrix.NumMechanisms).OrderBy(key).ThenBy(j => j)];
}

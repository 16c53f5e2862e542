using System.Numerics;

namespace Qec.Matching.Mwpm.SmallShots;

/// <summary>
/// Exact matching of shots with few detection events from a <see cref="ShortestPathTable"/>, without
/// growing regions. A minimum-weight matching of k events (each to another event or to the
/// boundary) on the shortest-path metric has the weight sparse blossom finds (Higgott &amp; Gidney,
/// arXiv:2303.15933 §2: the detector graph's MWPM is that of its path graph), so a dynamic program
/// over subsets gives it in O(2^k·k): the lowest event of a subset goes to the boundary or to another
/// member. The answer is used only when it is <b>unambiguous</b>: every minimum-weight matching, with
/// every choice of shortest paths, predicts the same observables. Otherwise (and when no matching
/// exists, or k &gt; <see cref="MaxEvents"/>) the caller runs sparse blossom, whose tie-breaking then
/// decides as before. So predictions equal sparse blossom's whenever they are not a tie. Stateless:
/// safe to share between threads.
/// </summary>
internal sealed class SmallShotMatcher(ShortestPathTable table)
{
    /// <summary>Most events matched here; beyond this, 2^k subsets cost more than sparse blossom.</summary>
    public const int MaxEvents = 6;

    /// <summary>
    /// Tries to match <paramref name="events"/> (distinct detectors). True with the weight_int and the
    /// observable mask when the optimum is unambiguous; false when the caller must run sparse blossom.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<int> events, out long weight, out ulong observables)
    {
        int k = events.Length;
        weight = 0;
        observables = 0;
        if (k == 0)
        {
            return true;
        }
        if (k > MaxEvents)
        {
            return false;
        }
        // The k·(k − 1)/2 pairs this shot needs, gathered once: the subset loop below reads each many times.
        Span<long> pairs = stackalloc long[MaxEvents * MaxEvents];
        Span<ulong> pairMasks = stackalloc ulong[MaxEvents * MaxEvents];
        Span<long> toBoundary = stackalloc long[MaxEvents];
        Span<ulong> boundaryMasks = stackalloc ulong[MaxEvents];
        int n = table.NumNodes;
        for (int i = 0; i < k; i++)
        {
            int row = events[i] * n;
            toBoundary[i] = table.BoundaryDistance[events[i]];
            boundaryMasks[i] = table.BoundaryObservables[events[i]];
            for (int j = i + 1; j < k; j++)
            {
                pairs[i * MaxEvents + j] = table.PairDistance[row + events[j]];
                pairMasks[i * MaxEvents + j] = table.PairObservables[row + events[j]];
            }
        }
        // best[S]: 2·(minimum weight of matching subset S) + 1 if ambiguous; mask[S]: its observables.
        Span<long> best = stackalloc long[1 << MaxEvents];
        Span<ulong> mask = stackalloc ulong[1 << MaxEvents];
        best[0] = 0;
        mask[0] = 0;
        int full = (1 << k) - 1;
        for (int set = 1; set <= full; set++)
        {
            int first = BitOperations.TrailingZeroCount(set);
            int rest = set & (set - 1);
            long b = Join(toBoundary[first], best[rest]);
            ulong m = boundaryMasks[first] ^ mask[rest];
            for (int others = rest; others != 0; others &= others - 1)
            {
                int j = BitOperations.TrailingZeroCount(others);
                int remaining = rest & ~(1 << j);
                long c = Join(pairs[first * MaxEvents + j], best[remaining]);
                ulong cm = pairMasks[first * MaxEvents + j] ^ mask[remaining];
                long cw = c >> 1, bw = b >> 1;
                if (cw < bw)
                {
                    b = c;
                    m = cm;
                }
                else if (cw == bw && (cm != m || (c & 1) != 0))
                {
                    b |= 1;
                }
            }
            best[set] = b;
            mask[set] = m;
        }
        long result = best[full];
        if ((result & 1) != 0 || (result >> 1) >= ShortestPathTable.Unreachable)
        {
            return false;
        }
        weight = result >> 1;
        observables = mask[full];
        return true;
    }

    /// <summary>Two parts taken together: weights (2·w + ambiguity) add, ambiguities OR.</summary>
    private static long Join(long x, long y) => ((x & ~1L) + (y & ~1L)) | ((x | y) & 1L);
}

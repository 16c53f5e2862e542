namespace Qec.Matching.Tests.Mwpm;

/// <summary>Independent exact oracles for minimum-weight embedded matching on small graphs.</summary>
internal static class MatchingOracle
{
    public const long Infinity = long.MaxValue / 4;

    /// <summary>
    /// Minimum total weight (integer weights ×2, as discretized with C = 1) of a perfect matching of
    /// the events where each event pairs with another or with the boundary, under shortest-path
    /// distances (Floyd–Warshall; weights must be ≥ 0). Bitmask DP over event subsets: pair the lowest
    /// unmatched event with the boundary or with any other. Infinity when no matching exists.
    /// </summary>
    public static long MinWeightByPairs(RandomGraph g, int[] events)
    {
        int n = g.NumNodes;
        var d = new long[n, n];
        var toBoundary = new long[n];
        for (int i = 0; i < n; i++)
        {
            toBoundary[i] = Infinity;
            for (int j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : Infinity;
            }
        }
        foreach (var (a, b, w, _) in g.Edges)
        {
            if (b < 0)
            {
                toBoundary[a] = Math.Min(toBoundary[a], 2L * w);
            }
            else
            {
                d[a, b] = Math.Min(d[a, b], 2L * w);
                d[b, a] = Math.Min(d[b, a], 2L * w);
            }
        }
        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (d[i, k] + d[k, j] < d[i, j])
                    {
                        d[i, j] = d[i, k] + d[k, j];
                    }
                }
            }
        }
        var db = new long[n];
        for (int i = 0; i < n; i++)
        {
            db[i] = Infinity;
            for (int j = 0; j < n; j++)
            {
                db[i] = Math.Min(db[i], d[i, j] + toBoundary[j]);
            }
        }
        int m = events.Length;
        var f = new long[1 << m];
        for (int mask = 1; mask < 1 << m; mask++)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(mask);
            int rest = mask & ~(1 << i);
            long best = Math.Min(Infinity, db[events[i]] + f[rest]);
            for (int j = i + 1; j < m; j++)
            {
                if ((rest >> j & 1) != 0)
                {
                    best = Math.Min(best, d[events[i], events[j]] + f[rest & ~(1 << j)]);
                }
            }
            f[mask] = Math.Min(best, Infinity);
        }
        return f[(1 << m) - 1];
    }

    /// <summary>
    /// Exhaustive: over all 2^E edge subsets whose odd-degree nodes are exactly the events, the
    /// minimum Σ 2w (signed weights allowed) and the set of observable masks (word-packed, as strings)
    /// reaching it. Returns Infinity and an empty set when no subset fits.
    /// </summary>
    public static (long Weight, HashSet<string> Masks) Exhaustive(RandomGraph g, int[] events)
    {
        int e = g.Edges.Count;
        var target = new bool[g.NumNodes];
        foreach (int d in events)
        {
            target[d] ^= true;
        }
        long best = Infinity;
        var masks = new HashSet<string>();
        var parity = new bool[g.NumNodes];
        var obs = new ulong[g.Words];
        for (long subset = 0; subset < 1L << e; subset++)
        {
            Array.Clear(parity);
            Array.Clear(obs);
            long w = 0;
            for (int k = 0; k < e; k++)
            {
                if ((subset >> k & 1) == 0)
                {
                    continue;
                }
                var (a, b, wk, o) = g.Edges[k];
                parity[a] ^= true;
                if (b >= 0)
                {
                    parity[b] ^= true;
                }
                w += 2L * wk;
                for (int q = 0; q < obs.Length; q++)
                {
                    obs[q] ^= o[q];
                }
            }
            if (!parity.AsSpan().SequenceEqual(target))
            {
                continue;
            }
            if (w < best)
            {
                best = w;
                masks.Clear();
            }
            if (w == best)
            {
                masks.Add(string.Join(",", obs));
            }
        }
        return (best, masks);
    }
}

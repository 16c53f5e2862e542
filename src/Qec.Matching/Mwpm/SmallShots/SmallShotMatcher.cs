using System.Numerics;
using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Mwpm.SmallShots;

/// <summary>
/// Exact matching of shots with few detection events from a <see cref="ShortestPathTable"/>, without
/// growing regions. The detector graph's minimum-weight matching is that of its path graph (Higgott
/// &amp; Gidney, arXiv:2303.15933 §2: each event to another event or to the boundary, at shortest-path
/// distance), so:
/// <list type="number">
/// <item><b>Clusters.</b> Events x, y are <i>separated</i> when d(x, y) &gt; B(x) + B(y) (B: distance to
/// the boundary). A matching that pairs separated events gets strictly lighter by sending both to the
/// boundary instead, so no optimum pairs them: the optimum is the union of the optima of the clusters
/// (connected components of "not separated").</item>
/// <item><b>Subsets.</b> A cluster of c ≤ <see cref="MaxClusterEvents"/> events is matched by a dynamic
/// program over its subsets: the lowest event of a subset goes to the boundary or to another member.
/// Only subsets reachable from the whole cluster that way are visited (20 of 64 at c = 6, 143 of 1024
/// at c = 10).</item>
/// </list>
/// The answer is used only when no tie-break is involved. For the prediction alone: every
/// minimum-weight matching, with every choice of shortest paths, predicts the same observables. For
/// the match list as well (sliding-window commits, correlated matching's pass one): the optimal pairing
/// is unique and each of its shortest paths is unique. Otherwise (and when a cluster is too big or no
/// matching exists) the caller runs sparse blossom on the whole shot, whose tie-breaking then decides
/// as before; so answers always equal sparse blossom's. Owns its scratch (one per decoder instance,
/// not thread-safe; the table is shared); no allocation per shot.
/// </summary>
internal sealed class SmallShotMatcher(ShortestPathTable table)
{
    /// <summary>Most events in a shot tried here; larger shots rarely split into small clusters.</summary>
    public const int MaxEvents = 24;

    /// <summary>
    /// Most events in one cluster. At d = 5, p = 0.5% (circuit level) the table path took 0.67, 0.54, 0.51
    /// and 0.50 of sparse blossom's time with 6, 8, 10 and 12: little is left to gain beyond 10.
    /// </summary>
    public const int MaxClusterEvents = 10;

    /// <summary>
    /// For each cluster size c, the subsets the program needs: those reached from the whole cluster
    /// by removing its lowest member, alone or with one other. Ascending, so a subset's parts come first.
    /// </summary>
    private static readonly int[][] ReachableSubsets = BuildReachableSubsets();

    private const long Ambiguous = ShortestPathTable.Ambiguous;
    private const long Flags = ShortestPathTable.Flags;

    // This shot's distances among its events (row = lower event index, stride MaxEvents) and to the
    // boundary, as 4·d + flags (see ShortestPathTable), copied out of the table once.
    private readonly long[] _pairs = new long[MaxEvents * MaxEvents];
    private readonly ulong[] _pairMasks = new ulong[MaxEvents * MaxEvents];
    private readonly long[] _boundary = new long[MaxEvents];
    private readonly ulong[] _boundaryMasks = new ulong[MaxEvents];
    private readonly int[] _cluster = new int[MaxEvents];
    private readonly int[] _clusterSets = new int[MaxEvents];
    private readonly int[] _members = new int[MaxClusterEvents];
    // Subset dynamic program: 4·(minimum weight) + flags, the optimum's observables, and the partner
    // (member index, −1 = boundary) of the subset's lowest member in the optimum.
    private readonly long[] _best = new long[1 << MaxClusterEvents];
    private readonly ulong[] _bestMasks = new ulong[1 << MaxClusterEvents];
    private readonly sbyte[] _partner = new sbyte[1 << MaxClusterEvents];
    private readonly MwpmMatch[] _matches = new MwpmMatch[MaxEvents];

    /// <summary>
    /// Tries to match <paramref name="events"/> (distinct detectors). True with the weight_int and the
    /// observable mask, and the matched pairs appended to <paramref name="matches"/> (when given;
    /// partner −1 = boundary), when no tie-break is involved; false (matches untouched) when the
    /// caller must run sparse blossom.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<int> events, ScratchList<MwpmMatch>? matches, out long weight, out ulong observables)
    {
        int k = events.Length;
        weight = 0;
        observables = 0;
        if (k == 0)
        {
            return true;
        }
        if (k > MaxEvents || !GatherClusters(events))
        {
            return false;
        }
        long refused = matches is null ? Ambiguous : Flags;
        var members = _members.AsSpan();
        int matched = 0;
        long total = 0;
        ulong totalMask = 0;
        for (int root = 0; root < k; root++)
        {
            int set = _clusterSets[root];
            if (set == 0)
            {
                continue;
            }
            int size = 0;
            for (; set != 0; set &= set - 1)
            {
                members[size++] = BitOperations.TrailingZeroCount(set);
            }
            long best = MatchCluster(members[..size], out ulong mask);
            if ((best & refused) != 0 || (best >> 2) >= ShortestPathTable.Unreachable)
            {
                return false;
            }
            total += best >> 2;
            totalMask ^= mask;
            if (matches is not null)
            {
                matched = ListMatches(members[..size], events, matched);
            }
        }
        for (int i = 0; i < matched; i++)
        {
            matches!.Add(_matches[i]);
        }
        weight = total;
        observables = totalMask;
        return true;
    }

    /// <summary>
    /// Copies the shot's distances out of the table and groups its events into clusters (bit sets in
    /// <c>_clusterSets</c>, indexed by each cluster's lowest event; 0 elsewhere). False when a cluster
    /// has more than <see cref="MaxClusterEvents"/> events.
    /// </summary>
    private bool GatherClusters(ReadOnlySpan<int> events)
    {
        int k = events.Length;
        var cluster = _cluster.AsSpan(0, k);
        int n = table.NumNodes;
        for (int i = 0; i < k; i++)
        {
            int row = events[i] * n;
            _boundary[i] = table.BoundaryDistance[events[i]];
            _boundaryMasks[i] = table.BoundaryObservables[events[i]];
            cluster[i] = i;
            for (int j = 0; j < i; j++)
            {
                long d = table.PairDistance[row + events[j]];
                _pairs[j * MaxEvents + i] = d;
                _pairMasks[j * MaxEvents + i] = table.PairObservables[row + events[j]];
                if ((d >> 2) <= (_boundary[i] >> 2) + (_boundary[j] >> 2))
                {
                    Merge(cluster, i, j);
                }
            }
        }
        var clusterSets = _clusterSets.AsSpan(0, k);
        clusterSets.Clear();
        for (int i = 0; i < k; i++)
        {
            clusterSets[Root(cluster, i)] |= 1 << i;
        }
        foreach (int set in clusterSets)
        {
            if (BitOperations.PopCount((uint)set) > MaxClusterEvents)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Dynamic program over the subsets of one cluster: 4·(minimum weight) + flags (several optima or
    /// paths; ambiguous prediction), and the optimum's observables. <paramref name="members"/> index the
    /// shot's events, ascending.
    /// </summary>
    private long MatchCluster(ReadOnlySpan<int> members, out ulong observables)
    {
        var best = _best;
        var mask = _bestMasks;
        best[0] = 0;
        mask[0] = 0;
        int full = (1 << members.Length) - 1;
        foreach (int set in ReachableSubsets[members.Length])
        {
            int first = BitOperations.TrailingZeroCount(set);
            int rest = set & (set - 1);
            int a = members[first];
            long b = Join(_boundary[a], best[rest]);
            ulong m = _boundaryMasks[a] ^ mask[rest];
            int partner = -1;
            for (int others = rest; others != 0; others &= others - 1)
            {
                int j = BitOperations.TrailingZeroCount(others);
                int remaining = rest & ~(1 << j);
                int slot = a * MaxEvents + members[j];
                long c = Join(_pairs[slot], best[remaining]);
                ulong cm = _pairMasks[slot] ^ mask[remaining];
                long cw = c >> 2, bw = b >> 2;
                if (cw < bw)
                {
                    b = c;
                    m = cm;
                    partner = j;
                }
                else if (cw == bw)
                {
                    b |= ShortestPathTable.SeveralPaths | (c & Flags) | (cm != m ? Ambiguous : 0);
                }
            }
            best[set] = b;
            mask[set] = m;
            _partner[set] = (sbyte)partner;
        }
        observables = mask[full];
        return best[full];
    }

    /// <summary>Appends the optimum of the cluster just matched to the pending match list; returns its new length.</summary>
    private int ListMatches(ReadOnlySpan<int> members, ReadOnlySpan<int> events, int count)
    {
        for (int set = (1 << members.Length) - 1; set != 0;)
        {
            int first = BitOperations.TrailingZeroCount(set);
            int a = members[first];
            int j = _partner[set];
            if (j < 0)
            {
                _matches[count++] = new MwpmMatch(events[a], -1, _boundaryMasks[a]);
                set &= set - 1;
            }
            else
            {
                _matches[count++] = new MwpmMatch(events[a], events[members[j]], _pairMasks[a * MaxEvents + members[j]]);
                set &= ~((1 << first) | (1 << j));
            }
        }
        return count;
    }

    private static int[][] BuildReachableSubsets()
    {
        var result = new int[MaxClusterEvents + 1][];
        var reached = new bool[1 << MaxClusterEvents];
        for (int c = 0; c <= MaxClusterEvents; c++)
        {
            Array.Clear(reached);
            int full = (1 << c) - 1;
            reached[full] = true;
            // Parts are smaller than their subset, so one descending sweep reaches everything.
            for (int set = full; set > 0; set--)
            {
                if (!reached[set])
                {
                    continue;
                }
                int rest = set & (set - 1);
                reached[rest] = true;
                for (int others = rest; others != 0; others &= others - 1)
                {
                    reached[rest & ~(others & -others)] = true;
                }
            }
            result[c] = Enumerable.Range(1, full).Where(set => reached[set]).ToArray();
        }
        return result;
    }

    /// <summary>Two parts taken together: weights (4·w + flags) add, flags OR.</summary>
    private static long Join(long x, long y) => ((x & ~Flags) + (y & ~Flags)) | ((x | y) & Flags);

    private static int Root(Span<int> parent, int i)
    {
        while (parent[i] != i)
        {
            i = parent[i];
        }
        return i;
    }

    private static void Merge(Span<int> parent, int i, int j)
    {
        int ri = Root(parent, i), rj = Root(parent, j);
        if (ri != rj)
        {
            parent[Math.Max(ri, rj)] = Math.Min(ri, rj);
        }
    }
}

namespace Qec.Circuits.Analysis;

/// <summary>
/// Stim's first decomposition step ("intra-channel"): within one channel, a case flipping more than
/// two detectors — or two that single-detector cases already explain — is rewritten as a product of
/// the channel's own graph-like cases. Detector masks index the channel's detectors (bit r = r-th
/// detector met). Singles are cases with one detector; irreducible pairs are two-detector cases not
/// covered by singles. A case is solved by one pair, or two disjoint pairs, plus singles for the
/// rest; otherwise it stays whole for the global pass. The pieces are joined by separators.
/// </summary>
internal static class IntraChannelDecomposition
{
    /// <summary>Rewrites the unsolved cases of <paramref name="cases"/> in place.</summary>
    public static void Apply(ulong[][] cases, ReadOnlySpan<ulong> masks)
    {
        int n = cases.Length;
        Span<int> counts = stackalloc int[n];
        counts.Clear();
        for (int k = 1; k < n; k++)
        {
            counts[k] = System.Numerics.BitOperations.PopCount(masks[k]);
        }
        ulong solved = 0, singles = 0;
        for (int k = 1; k < n; k++)
        {
            if (counts[k] == 1)
            {
                singles |= masks[k];
                solved |= 1UL << k;
            }
        }
        Span<int> pairs = stackalloc int[n];
        int numPairs = 0;
        for (int k = 1; k < n; k++)
        {
            if (counts[k] == 2 && (masks[k] & ~singles) != 0)
            {
                pairs[numPairs++] = k;
                solved |= 1UL << k;
            }
        }
        var tail = new List<ulong>();
        for (int k = 1; k < n; k++)
        {
            if (counts[k] == 0 || ((solved >> k) & 1) != 0)
            {
                continue;
            }
            tail.Clear();
            ulong remnants = AppendPairs(k, cases, masks, singles, pairs[..numPairs], tail);
            for (int k2 = 0; remnants != 0 && k2 < n; k2++)
            {
                if (counts[k2] == 1 && (masks[k2] & ~remnants) == 0)
                {
                    remnants &= ~masks[k2];
                    Append(tail, cases[k2]);
                }
            }
            if (tail.Count > 0)
            {
                tail.RemoveAt(tail.Count - 1);
            }
            cases[k] = [.. tail];
        }
    }

    /// <summary>Appends the pair pieces for case <paramref name="goalK"/>; returns the detectors left for singles.</summary>
    private static ulong AppendPairs(int goalK, ulong[][] cases, ReadOnlySpan<ulong> masks, ulong singles, ReadOnlySpan<int> pairs, List<ulong> tail)
    {
        ulong goal = masks[goalK];
        if ((goal & ~singles) == 0)
        {
            return goal;
        }
        foreach (int k in pairs)
        {
            ulong m = masks[k];
            if ((goal & m) == m && (goal & ~(singles | m)) == 0)
            {
                Append(tail, cases[k]);
                return goal & ~m;
            }
        }
        for (int i1 = 0; i1 < pairs.Length; i1++)
        {
            for (int i2 = i1 + 1; i2 < pairs.Length; i2++)
            {
                int k1 = pairs[i1], k2 = pairs[i2];
                ulong m1 = masks[k1], m2 = masks[k2];
                if ((m1 & m2) == 0 && (goal & ~(singles | m1 | m2)) == 0)
                {
                    if (SymptomTarget.Compare(cases[k2], cases[k1]) < 0)
                    {
                        (k1, k2) = (k2, k1);
                    }
                    Append(tail, cases[k1]);
                    Append(tail, cases[k2]);
                    return goal & ~(m1 | m2);
                }
            }
        }
        Append(tail, cases[goalK]);
        return 0;
    }

    private static void Append(List<ulong> tail, ulong[] piece)
    {
        tail.AddRange(piece);
        tail.Add(SymptomTarget.Separator);
    }
}

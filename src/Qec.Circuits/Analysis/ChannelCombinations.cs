using System.Numerics;

namespace Qec.Circuits.Analysis;

/// <summary>
/// Adds the 2^s − 1 non-identity cases of a channel built from s independent basis mechanisms
/// (e.g. a qubit's Z-type and X-type flips). Case k (1 ≤ k &lt; 2^s) fires the basis errors whose bits
/// are set in k, so its symptoms are the XOR of theirs. Cases are added in increasing k, the order
/// Stim uses, because merging is order-sensitive in floating point. With decomposition, each case
/// is first split into graph-like pieces made of the channel's own cases (<see cref="IntraChannelDecomposition"/>).
/// </summary>
internal static class ChannelCombinations
{
    /// <summary>Largest number of distinct detectors a decomposed channel may touch (Stim's limit).</summary>
    public const int MaxInvolvedDetectors = 16;

    [ThreadStatic]
    private static ulong[]? t_flat;

    /// <summary>Adds cases 1 … 2^s − 1 with probabilities[k − 1]; returns false when decomposition meets too many detectors.</summary>
    public static bool Add(ErrorAccumulator errors, string tag, ReadOnlySpan<double> probabilities, ReadOnlySpan<XorSet> basis, bool decompose)
    {
        return decompose ? AddDecomposed(errors, tag, probabilities, basis) : AddPlain(errors, tag, probabilities, basis);
    }

    /// <summary>Without decomposition: cases live in one reused buffer, so nothing is allocated but new keys.</summary>
    private static bool AddPlain(ErrorAccumulator errors, string tag, ReadOnlySpan<double> probabilities, ReadOnlySpan<XorSet> basis)
    {
        int s = basis.Length, n = 1 << s;
        int total = 0;
        foreach (var b in basis)
        {
            total += b.Count;
        }
        // Case k holds at most the sum of its basis sizes; s·total bounds all cases together.
        int need = (n / 2) * total + 1;
        var flat = t_flat is { } f && f.Length >= need ? f : (t_flat = new ulong[Math.Max(need, 1024) * 2]);
        Span<int> start = stackalloc int[n];
        Span<int> length = stackalloc int[n];
        start[0] = 0;
        length[0] = 0;
        int used = 0;
        for (int k = 1; k < n; k++)
        {
            int rest = k & (k - 1), low = k ^ rest;
            start[k] = used;
            if (rest == 0)
            {
                var items = basis[System.Numerics.BitOperations.TrailingZeroCount(k)].Items;
                items.CopyTo(flat.AsSpan(used));
                length[k] = items.Length;
            }
            else
            {
                length[k] = XorSet.XorMerge(flat.AsSpan(start[rest], length[rest]), flat.AsSpan(start[low], length[low]), flat.AsSpan(used));
            }
            used += length[k];
            errors.Add(probabilities[k - 1], flat.AsSpan(start[k], length[k]), tag);
        }
        return true;
    }

    private static bool AddDecomposed(ErrorAccumulator errors, string tag, ReadOnlySpan<double> probabilities, ReadOnlySpan<XorSet> basis)
    {
        int s = basis.Length, n = 1 << s;
        var cases = new ulong[n][];
        Span<ulong> masks = stackalloc ulong[n];
        masks.Clear();
        Span<ulong> involved = stackalloc ulong[MaxInvolvedDetectors];
        int numInvolved = 0;
        cases[0] = [];
        for (int b = 0; b < s; b++)
        {
            var items = basis[b].Items;
            cases[1 << b] = items.ToArray();
            // Detectors are numbered in order of first appearance; a case's mask has their bits.
            foreach (ulong id in items)
            {
                if (!SymptomTarget.IsDetector(id))
                {
                    continue;
                }
                int r = involved[..numInvolved].IndexOf(id);
                if (r < 0)
                {
                    if (numInvolved == MaxInvolvedDetectors)
                    {
                        return false;
                    }
                    r = numInvolved;
                    involved[numInvolved++] = id;
                }
                masks[1 << b] ^= 1UL << r;
            }
        }
        for (int k = 3; k < n; k++)
        {
            int rest = k & (k - 1), low = k ^ rest;
            if (rest != 0)
            {
                var merged = new ulong[cases[rest].Length + cases[low].Length];
                int len = XorSet.XorMerge(cases[rest], cases[low], merged);
                cases[k] = len == merged.Length ? merged : merged[..len];
                masks[k] = masks[rest] ^ masks[low];
            }
        }
        IntraChannelDecomposition.Apply(cases, masks);
        for (int k = 1; k < n; k++)
        {
            errors.Add(probabilities[k - 1], cases[k], tag);
        }
        return true;
    }
}

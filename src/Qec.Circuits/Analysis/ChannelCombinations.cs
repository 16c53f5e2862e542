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

    /// <summary>Adds cases 1 … 2^s − 1 with probabilities[k − 1]; returns false when decomposition meets too many detectors.</summary>
    public static bool Add(ErrorAccumulator errors, string tag, ReadOnlySpan<double> probabilities, ReadOnlySpan<XorSet> basis, bool decompose)
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
            if (!decompose)
            {
                continue;
            }
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
        if (decompose)
        {
            IntraChannelDecomposition.Apply(cases, masks);
        }
        for (int k = 1; k < n; k++)
        {
            errors.Add(probabilities[k - 1], cases[k], tag);
        }
        return true;
    }
}

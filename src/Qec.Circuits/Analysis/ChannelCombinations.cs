namespace Qec.Circuits.Analysis;

/// <summary>
/// Adds the 2^s − 1 non-identity cases of a channel built from s independent basis mechanisms
/// (e.g. a qubit's Z-type and X-type flips). Case k (1 ≤ k &lt; 2^s) fires the basis errors whose bits
/// are set in k, so its symptoms are the XOR of theirs. Cases are added in increasing k, the order
/// Stim uses, because merging is order-sensitive in floating point.
/// </summary>
internal static class ChannelCombinations
{
    /// <summary>Adds cases 1 … 2^s − 1 with probabilities[k − 1].</summary>
    public static void Add(ErrorAccumulator errors, string tag, ReadOnlySpan<double> probabilities, ReadOnlySpan<XorSet> basis)
    {
        int s = basis.Length;
        var cases = new XorSet[1 << s];
        cases[0] = new XorSet();
        for (int k = 1; k < 1 << s; k++)
        {
            int low = k & -k;
            cases[k] = new XorSet();
            if (k == low)
            {
                cases[k].CopyFrom(basis[System.Numerics.BitOperations.TrailingZeroCount(k)]);
            }
            else
            {
                cases[k].CopyFrom(cases[k ^ low]);
                cases[k].XorWith(cases[low]);
            }
            errors.Add(probabilities[k - 1], cases[k].Items, tag);
        }
    }
}

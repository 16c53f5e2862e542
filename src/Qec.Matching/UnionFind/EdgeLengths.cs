namespace Qec.Matching.UnionFind;

/// <summary>
/// Integer growth lengths of the matching-graph edges for weighted union-find growth
/// (Huang, Newman &amp; Brown, arXiv:2004.04693: an edge of weight w is fully grown after
/// growth proportional to w).
/// </summary>
/// <remarks>
/// Scale: the largest positive finite weight w_max maps to <c>resolution</c> half-lengths, so an
/// edge of weight w has length L = 2·max(1, round(w·resolution / w_max)). Lengths are even so that
/// two clusters growing towards each other at the same rate meet exactly at the middle of an edge
/// (the half-edges of Delfosse &amp; Nickerson, arXiv:1709.06218). With resolution 1 every edge
/// has length 2 and growth is the unweighted algorithm of Delfosse &amp; Nickerson.
/// An edge with weight ≤ 0 (p ≥ 0.5) or a weight that rounds to 0 is clamped to the shortest
/// length 2: union-find grows clusters, it cannot prefer an edge by making it negative, so such
/// edges are merely the cheapest to cross.
/// </remarks>
internal static class EdgeLengths
{
    /// <summary>Half-lengths given to the heaviest edge when the options name no resolution.</summary>
    public const int DefaultResolution = 8;

    /// <summary>The largest resolution accepted: keeps every length far below int overflow during growth.</summary>
    public const int MaxResolution = 1 << 20;

    /// <summary>Even lengths ≥ 2, one per weight, as described on the type.</summary>
    public static int[] Of(ReadOnlySpan<double> weights, int resolution)
    {
        if (resolution < 1 || resolution > MaxResolution)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution,
                $"union-find resolution must be between 1 and {MaxResolution}");
        }
        double maxWeight = 0;
        foreach (double w in weights)
        {
            if (double.IsFinite(w) && w > maxWeight)
            {
                maxWeight = w;
            }
        }
        var lengths = new int[weights.Length];
        for (int e = 0; e < weights.Length; e++)
        {
            double w = weights[e];
            // Infinite or NaN weights cannot occur for 0 < p ≤ 1 except p = 1 (w = -∞): clamped like every w ≤ 0.
            double half = maxWeight > 0 && w > 0 ? Math.Round(Math.Min(w, maxWeight) * resolution / maxWeight) : 1;
            lengths[e] = 2 * (int)Math.Max(1, half);
        }
        return lengths;
    }
}

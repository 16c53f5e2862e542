using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Mwpm.Interop;

/// <summary>
/// A region plus the compressed edge leaving it: an entry of a blossom cycle (the edge goes to the
/// next child) or of a pruned tree path (paper §3.3).
/// </summary>
internal readonly struct RegionEdge(GraphFillRegion region, CompressedEdge edge)
{
    public readonly GraphFillRegion Region = region;
    public readonly CompressedEdge Edge = edge;
}

/// <summary>What a frozen region is matched to: another region, or the boundary (null) via an edge.</summary>
internal readonly struct Match(GraphFillRegion? region, CompressedEdge edge)
{
    /// <summary>The partner, or null for the boundary (or for no match when the edge is empty).</summary>
    public readonly GraphFillRegion? Region = region;
    public readonly CompressedEdge Edge = edge;

    /// <summary>No match.</summary>
    public static Match None => new(null, CompressedEdge.None);
}

using Qec.Matching.Mwpm.Flooder;

namespace Qec.Matching.Mwpm.Interop;

/// <summary>What the flooder reports to the matcher (paper §3.2).</summary>
internal enum MwpmEventKind : byte
{
    /// <summary>Nothing for the matcher.</summary>
    None = 0,

    /// <summary>Two top-level regions touched along an edge: <c>Region1</c>, <c>Region2</c>, <c>Edge</c> from 1 to 2.</summary>
    RegionHitRegion = 1,

    /// <summary>A region touched the boundary: <c>Region1</c>, <c>Edge</c> to the boundary.</summary>
    RegionHitBoundary = 2,

    /// <summary>An inner blossom shrank to zero: <c>Region1</c> the blossom, <c>Region2</c> the child touching
    /// the tree parent, <c>Region3</c> the child touching the tree child.</summary>
    BlossomShatter = 3,
}

/// <summary>One tagged event from flooder to matcher; the matcher switches on <see cref="Kind"/>.</summary>
internal readonly struct MwpmEvent(MwpmEventKind kind, GraphFillRegion? region1, GraphFillRegion? region2,
    GraphFillRegion? region3, CompressedEdge edge)
{
    public readonly MwpmEventKind Kind = kind;
    public readonly GraphFillRegion? Region1 = region1;
    public readonly GraphFillRegion? Region2 = region2;
    public readonly GraphFillRegion? Region3 = region3;
    public readonly CompressedEdge Edge = edge;

    public static MwpmEvent None => default;

    public static MwpmEvent HitRegion(GraphFillRegion r1, GraphFillRegion r2, CompressedEdge edge) =>
        new(MwpmEventKind.RegionHitRegion, r1, r2, null, edge);

    public static MwpmEvent HitBoundary(GraphFillRegion r, CompressedEdge edge) =>
        new(MwpmEventKind.RegionHitBoundary, r, null, null, edge);

    public static MwpmEvent Shatter(GraphFillRegion blossom, GraphFillRegion inParent, GraphFillRegion inChild) =>
        new(MwpmEventKind.BlossomShatter, blossom, inParent, inChild, CompressedEdge.None);
}

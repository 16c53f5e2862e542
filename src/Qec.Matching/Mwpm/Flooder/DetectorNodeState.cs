using System.Runtime.InteropServices;

namespace Qec.Matching.Mwpm.Flooder;

/// <summary>
/// The hot half of a node's per-shot state: what a neighbour needs to know about it, in 12 bytes and
/// without object references (no GC write barriers), so the collision scan (<see cref="GraphFlooder"/>)
/// reads five nodes per cache line and never the region radii. Invariant (outside result extraction):
/// <see cref="LocalRadius"/> == Radii[TopSlot] + (wrapped radius &lt;&lt; 2), where the wrapped radius is
/// <see cref="GraphFlooder"/>'s ComputeWrappedRadius (Σ frozen radii of the regions from the arriving
/// region up to, not including, the top region, minus the radius of arrival; PyMatching's cached wrapped
/// radius, not stored here); an unowned node is all zeros (slot 0 holds radius 0, frozen). The flooder
/// recomputes it when a node's top region changes, and shifts it by the change of the top region's
/// packed radius line on every slope change (walking the region's total area).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct NodeReach
{
    /// <summary>
    /// How far the node's top region extends past the node, as a line in time (<see cref="Interop.Varying"/>
    /// data: the top region's radius line shifted by the wrapped radius, same slope).
    /// </summary>
    public long LocalRadius;

    /// <summary>Slot (id + 1) of the top-level region containing the region that reached this node; 0 if unowned.</summary>
    public int TopSlot;
}

/// <summary>
/// The cold half of a node's per-shot state (PyMatching's <c>DetectorNode</c> ephemeral fields other
/// than the top region, the local radius and the event tracker, which live in dense arrays of their own).
/// Invariant: a node is owned iff <see cref="RegionArrived"/> != null iff its <see cref="NodeReach.TopSlot"/>
/// != 0, and then it sits in that region's shell. Other fields are meaningful only while owned; a shot
/// resets only the nodes it touched.
/// </summary>
internal struct DetectorNodeState
{
    /// <summary>The region whose growth reached this node.</summary>
    public GraphFillRegion? RegionArrived;

    /// <summary>Radius of RegionArrived when it reached this node.</summary>
    public long RadiusOfArrival;

    /// <summary>Observables crossed from the source detection event to this node (one word).</summary>
    public ulong ObservablesFromSource;

    /// <summary>The detection event whose flood reached this node (valid while owned).</summary>
    public int Source;

    /// <summary>Marks used by the driver while toggling negative-weight detection events.</summary>
    public bool Marked;
}

namespace Qec.Matching.Mwpm.Tracker;

/// <summary>
/// A tentative event: "look at this node (or this shrinking region) at this time" (paper §4.2).
/// It carries no decision; the flooder recomputes what happens from the current state when the
/// event is dequeued. <see cref="Target"/> ≥ 0 names a detector node; a negative value is the
/// bitwise complement of a region id (a shrink check).
/// </summary>
internal readonly struct FloodCheckEvent(int target, uint time)
{
    /// <summary>Node index (≥ 0) or ~regionId (&lt; 0).</summary>
    public readonly int Target = target;

    /// <summary>Cyclic 32-bit time at which to look.</summary>
    public readonly uint Time = time;

    /// <summary>True when the event looks at a shrinking region rather than a node.</summary>
    public bool IsRegion => Target < 0;

    /// <summary>The same target at another time.</summary>
    public FloodCheckEvent At(uint time) => new(Target, time);
}

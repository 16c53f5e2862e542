namespace Qec.TensorNetwork.Planar;

/// <summary>
/// How the sweep line crosses the plane. Along x: detectors are visited column by column (equal x),
/// columns in increasing x, alternately upward and downward in y (a serpentine, so the orthogonality
/// centre never has to travel back across the front); the front of open sites is ordered by (y, x).
/// Along y: the same with the axes exchanged. The observable sites sit at the low or the high end of
/// the front: next to the boundary that the observable's mechanisms touch.
/// </summary>
/// <param name="AlongY">True: the sweep advances in y and the front is ordered by x.</param>
/// <param name="ObservablesHigh">True: observable sites follow every detector site on the front; false: they precede them.</param>
internal readonly record struct SweepOrientation(bool AlongY, bool ObservablesHigh)
{
    /// <summary>The four orientations, in the order ties are broken.</summary>
    public static IReadOnlyList<SweepOrientation> All { get; } =
        [new(false, false), new(false, true), new(true, false), new(true, true)];

    /// <summary>"along x, observables low".</summary>
    public override string ToString() => $"along {(AlongY ? 'y' : 'x')}, observables {(ObservablesHigh ? "high" : "low")}";
}

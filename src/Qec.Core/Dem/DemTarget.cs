namespace Qec.Core.Dem;

/// <summary>What a target of a DEM instruction names.</summary>
public enum DemTargetKind : byte
{
    /// <summary><c>D#</c>: a detector, relative to the current detector offset.</summary>
    Detector,
    /// <summary><c>L#</c>: a logical observable.</summary>
    Observable,
    /// <summary><c>^</c>: separates the graph-like components of a decomposed error.</summary>
    Separator,
    /// <summary>A bare non-negative integer (the argument of <c>shift_detectors</c>).</summary>
    Number,
}

/// <summary>One target of a DEM instruction: <c>D5</c>, <c>L0</c>, <c>^</c> or a bare number.</summary>
/// <param name="Kind">What the target names.</param>
/// <param name="Index">Detector/observable index or number; 0 for a separator.</param>
public readonly record struct DemTarget(DemTargetKind Kind, ulong Index)
{
    /// <summary>The <c>^</c> separator.</summary>
    public static DemTarget Separator => new(DemTargetKind.Separator, 0);

    /// <summary>A detector target <c>D{index}</c>.</summary>
    public static DemTarget Detector(ulong index) => new(DemTargetKind.Detector, index);

    /// <summary>An observable target <c>L{index}</c>.</summary>
    public static DemTarget Observable(ulong index) => new(DemTargetKind.Observable, index);

    /// <summary>The target as Stim writes it.</summary>
    public override string ToString() => Kind switch
    {
        DemTargetKind.Detector => "D" + Index,
        DemTargetKind.Observable => "L" + Index,
        DemTargetKind.Separator => "^",
        _ => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

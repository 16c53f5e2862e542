using System.Collections.Immutable;

namespace Qec.Core.Dem;

/// <summary>
/// One line of a detector error model (Stim's <c>.dem</c> format). Instructions are immutable;
/// <see cref="DemRepeat"/> holds a nested block.
/// </summary>
/// <param name="Tag">The text between <c>[</c> and <c>]</c> after the name, or empty.</param>
public abstract record DemInstruction(string Tag);

/// <summary><c>error(p) D1 D2 ^ D3 L0</c>: an independent mechanism firing with probability p.</summary>
public sealed record DemError(double Probability, ImmutableArray<DemTarget> Targets, string Tag = "")
    : DemInstruction(Tag)
{
    /// <inheritdoc/>
    public bool Equals(DemError? other) => other is not null && Probability.Equals(other.Probability)
        && Tag == other.Tag && Targets.SequenceEqual(other.Targets);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Probability, Tag, Targets.Length);
}

/// <summary><c>detector(x, y, t) D5</c>: declares detectors, optionally with coordinates.</summary>
public sealed record DemDetector(ImmutableArray<double> Coordinates, ImmutableArray<DemTarget> Targets, string Tag = "")
    : DemInstruction(Tag)
{
    /// <inheritdoc/>
    public bool Equals(DemDetector? other) => other is not null && Tag == other.Tag
        && Coordinates.SequenceEqual(other.Coordinates) && Targets.SequenceEqual(other.Targets);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tag, Coordinates.Length, Targets.Length);
}

/// <summary><c>logical_observable L0</c>: declares observables.</summary>
public sealed record DemLogicalObservable(ImmutableArray<DemTarget> Targets, string Tag = "")
    : DemInstruction(Tag)
{
    /// <inheritdoc/>
    public bool Equals(DemLogicalObservable? other) => other is not null && Tag == other.Tag
        && Targets.SequenceEqual(other.Targets);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tag, Targets.Length);
}

/// <summary>
/// <c>shift_detectors(dx, dy, dt) n</c>: later detector indices are offset by n and later
/// detector coordinates by (dx, dy, dt).
/// </summary>
public sealed record DemShiftDetectors(ImmutableArray<double> CoordinateShift, ulong DetectorShift, string Tag = "")
    : DemInstruction(Tag)
{
    /// <inheritdoc/>
    public bool Equals(DemShiftDetectors? other) => other is not null && Tag == other.Tag
        && DetectorShift == other.DetectorShift && CoordinateShift.SequenceEqual(other.CoordinateShift);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tag, DetectorShift, CoordinateShift.Length);
}

/// <summary><c>repeat N { … }</c>: the body executed N times in a row (N ≥ 1).</summary>
public sealed record DemRepeat(ulong Count, ImmutableArray<DemInstruction> Body, string Tag = "")
    : DemInstruction(Tag)
{
    /// <inheritdoc/>
    public bool Equals(DemRepeat? other) => other is not null && Tag == other.Tag
        && Count == other.Count && Body.SequenceEqual(other.Body);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tag, Count, Body.Length);
}

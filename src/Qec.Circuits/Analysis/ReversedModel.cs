using System.Collections.Immutable;
using Qec.Core.Dem;

namespace Qec.Circuits.Analysis;

/// <summary>
/// The detector error model as the backward sweep builds it: instructions appended in reverse
/// order, detector ids absolute. <see cref="ToModel"/> reverses it into Stim's output: errors (as
/// flushed, each flush in ascending symptom order), then the annotations in circuit order, keeping a
/// <c>detector</c> line only if it has coordinates or a tag or its detector appears in no error, and
/// a <c>logical_observable</c> line only if its observable appears in no error.
/// </summary>
internal sealed class ReversedModel
{
    private readonly List<Item> _items = [];

    /// <summary>Appends the accumulated errors (drained in ascending order) so they read ascending after reversal.</summary>
    public void Flush(ErrorAccumulator errors)
    {
        var sorted = errors.Drain();
        for (int i = sorted.Count - 1; i >= 0; i--)
        {
            _items.Add(new ErrorItem(sorted[i].Probability, sorted[i].Key.Targets, sorted[i].Key.Tag));
        }
    }

    /// <summary>A <c>DETECTOR</c> met by the sweep.</summary>
    public void AddDetector(ImmutableArray<double> coordinates, ulong id, string tag) =>
        _items.Add(new DetectorItem(coordinates, id, tag));

    /// <summary>An <c>OBSERVABLE_INCLUDE</c> met by the sweep.</summary>
    public void AddObservable(ulong id, string tag) => _items.Add(new ObservableItem(id, tag));

    /// <summary>A <c>SHIFT_COORDS</c> (detector shift 0 when loops are not folded).</summary>
    public void AddShift(ImmutableArray<double> coordinates, ulong detectorShift, string tag) =>
        _items.Add(new ShiftItem(coordinates, detectorShift, tag));

    /// <summary>The model in output order.</summary>
    public DetectorErrorModel ToModel()
    {
        ulong baseDetector = 0;
        var seen = new HashSet<ulong>();
        return new DetectorErrorModel(Unreverse(_items, ref baseDetector, seen));
    }

    private static ImmutableArray<DemInstruction> Unreverse(List<Item> reversed, ref ulong baseDetector, HashSet<ulong> seen)
    {
        var output = ImmutableArray.CreateBuilder<DemInstruction>();
        for (int i = reversed.Count - 1; i >= 0; i--)
        {
            switch (reversed[i])
            {
                case ShiftItem s:
                    baseDetector += s.DetectorShift;
                    output.Add(new DemShiftDetectors(s.Coordinates, s.DetectorShift, s.Tag));
                    break;
                case ErrorItem e:
                    var targets = ImmutableArray.CreateBuilder<DemTarget>(e.Targets.Length);
                    foreach (ulong t in e.Targets)
                    {
                        seen.Add(t);
                        targets.Add(ToDemTarget(t, baseDetector));
                    }
                    output.Add(new DemError(e.Probability, targets.MoveToImmutable(), e.Tag));
                    break;
                case DetectorItem d:
                    if (d.Coordinates.Length > 0 || d.Tag.Length > 0 || !seen.Contains(d.Id))
                    {
                        output.Add(new DemDetector(d.Coordinates, [ToDemTarget(d.Id, baseDetector)], d.Tag));
                    }
                    break;
                case ObservableItem o:
                    ulong obs = SymptomTarget.Observable(o.Id);
                    if (o.Tag.Length > 0 || !seen.Contains(obs))
                    {
                        output.Add(new DemLogicalObservable([DemTarget.Observable(o.Id)], o.Tag));
                    }
                    break;
                default:
                    throw new InvalidOperationException($"unknown reversed item {reversed[i].GetType().Name}");
            }
        }
        return output.ToImmutable();
    }

    private static DemTarget ToDemTarget(ulong t, ulong baseDetector) =>
        SymptomTarget.IsObservable(t)
            ? DemTarget.Observable(t & ~SymptomTarget.ObservableBit)
            : DemTarget.Detector(t - baseDetector);

    private abstract record Item;

    private sealed record ErrorItem(double Probability, ulong[] Targets, string Tag) : Item;

    private sealed record DetectorItem(ImmutableArray<double> Coordinates, ulong Id, string Tag) : Item;

    private sealed record ObservableItem(ulong Id, string Tag) : Item;

    private sealed record ShiftItem(ImmutableArray<double> Coordinates, ulong DetectorShift, string Tag) : Item;
}

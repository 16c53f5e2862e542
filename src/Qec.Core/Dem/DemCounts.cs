using System.Collections.Immutable;

namespace Qec.Core.Dem;

/// <summary>
/// Sizes of a detector error model computed without flattening it: a repeat block multiplies its
/// body's counts, and its body's detector shift offsets each iteration (Stim's semantics: the
/// detector count is one more than the largest detector index used, shifts alone add none).
/// </summary>
/// <param name="NumDetectors">1 + the largest absolute detector index named, or 0.</param>
/// <param name="NumObservables">1 + the largest observable index named, or 0.</param>
/// <param name="NumErrors">Number of error mechanisms in the flattened model.</param>
/// <param name="TotalDetectorShift">Sum of all detector shifts, repeats included.</param>
public readonly record struct DemCounts(ulong NumDetectors, ulong NumObservables, ulong NumErrors, ulong TotalDetectorShift)
{
    /// <summary>Counts a block; throws <see cref="OverflowException"/> past 2^64.</summary>
    public static DemCounts Of(ImmutableArray<DemInstruction> block)
    {
        ulong offset = 0, maxDetector = 0, maxObservable = 0, errors = 0;
        foreach (var instruction in block)
        {
            switch (instruction)
            {
                case DemError e:
                    errors = checked(errors + 1);
                    Observe(e.Targets, offset, ref maxDetector, ref maxObservable);
                    break;
                case DemDetector d:
                    Observe(d.Targets, offset, ref maxDetector, ref maxObservable);
                    break;
                case DemLogicalObservable l:
                    Observe(l.Targets, offset, ref maxDetector, ref maxObservable);
                    break;
                case DemShiftDetectors s:
                    offset = checked(offset + s.DetectorShift);
                    break;
                case DemRepeat r:
                    var body = Of(r.Body);
                    if (body.NumDetectors > 0)
                    {
                        // The last iteration starts at offset + (count - 1) * shift.
                        ulong last = checked(offset + checked((r.Count - 1) * body.TotalDetectorShift) + body.NumDetectors);
                        maxDetector = Math.Max(maxDetector, last);
                    }
                    maxObservable = Math.Max(maxObservable, body.NumObservables);
                    errors = checked(errors + checked(r.Count * body.NumErrors));
                    offset = checked(offset + checked(r.Count * body.TotalDetectorShift));
                    break;
                default:
                    throw new InvalidOperationException($"unknown DEM instruction {instruction.GetType().Name}");
            }
        }
        return new DemCounts(maxDetector, maxObservable, errors, offset);
    }

    private static void Observe(ImmutableArray<DemTarget> targets, ulong offset, ref ulong maxDetector, ref ulong maxObservable)
    {
        foreach (var t in targets)
        {
            if (t.Kind == DemTargetKind.Detector)
            {
                maxDetector = Math.Max(maxDetector, checked(offset + t.Index + 1));
            }
            else if (t.Kind == DemTargetKind.Observable)
            {
                maxObservable = Math.Max(maxObservable, t.Index + 1);
            }
        }
    }
}

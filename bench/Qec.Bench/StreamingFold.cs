using System.Collections.Immutable;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;

namespace Qec.Bench;

/// <summary>
/// Turns a flattened d-round memory model into one of any length: the errors whose earliest detector
/// lies in bulk round m (they touch rounds m and m + 1) become the body of <c>repeat K</c>, shifted by
/// one round's detectors and one time unit per iteration; earlier errors form the head and later ones
/// the tail. K = 1 gives back the original errors. Valid when rounds around m are translation invariant
/// (true for Stim's memory circuits away from the first and last rounds). For benchmarks at distances
/// where no folded reference model exists (d = 11).
/// </summary>
internal static class StreamingFold
{
    public static DetectorErrorModel Fold(DetectorErrorModel flatModel, int m, ulong count)
    {
        var flat = flatModel.Flatten();
        var layout = RoundLayout.Analyse(flatModel, 0, 1);
        int lo = layout.TruncatedRoundStart(m), hi = layout.TruncatedRoundStart(m + 1);
        int n = hi - lo;
        var head = ImmutableArray.CreateBuilder<DemInstruction>();
        var body = ImmutableArray.CreateBuilder<DemInstruction>();
        var tail = ImmutableArray.CreateBuilder<DemInstruction>();
        for (int e = 0; e < flat.NumErrors; e++)
        {
            var ts = flat.Targets(e);
            long min = long.MaxValue;
            foreach (var t in ts)
            {
                if (t.Kind == DemTargetKind.Detector)
                {
                    min = Math.Min(min, (long)t.Index);
                }
            }
            bool isTail = min >= hi && min != long.MaxValue;
            var mapped = new DemTarget[ts.Length];
            for (int i = 0; i < ts.Length; i++)
            {
                mapped[i] = ts[i].Kind == DemTargetKind.Detector && isTail ? DemTarget.Detector(ts[i].Index - (ulong)n) : ts[i];
            }
            var err = new DemError(flat.Probability(e), [.. mapped]);
            (min < lo || min == long.MaxValue ? head : min < hi ? body : tail).Add(err);
        }
        for (int d = 0; d < flat.NumDetectors; d++)
        {
            var c = flat.DetectorCoordinates(d).ToArray();
            if (d < lo)
            {
                head.Add(new DemDetector([.. c], [DemTarget.Detector((ulong)d)]));
            }
            else if (d < hi)
            {
                body.Add(new DemDetector([.. c], [DemTarget.Detector((ulong)d)]));
            }
            else
            {
                c[^1] -= 1;
                tail.Add(new DemDetector([.. c], [DemTarget.Detector((ulong)(d - n))]));
            }
        }
        var shift = new double[flat.DetectorCoordinates(0).Length];
        shift[^1] = 1;
        body.Add(new DemShiftDetectors([.. shift], (ulong)n));
        head.Add(new DemRepeat(count, body.ToImmutable()));
        head.AddRange(tail);
        return new DetectorErrorModel(head.ToImmutable());
    }
}

using System.Collections.Immutable;
using Qec.Core.Dem;

namespace Qec.Core.Decoding.Streaming;

/// <summary>
/// Memory experiments of any length from one model, for streaming benchmarks: a model with a top-level
/// <c>repeat</c> block gets a new repeat count; a flattened model (Stim without <c>--fold_loops</c>, the
/// built-in demo model) is first folded around one bulk round (<see cref="FoldBulkRound"/>).
/// </summary>
public static class StreamingModels
{
    /// <summary>
    /// A model like <paramref name="model"/> with about <paramref name="rounds"/> rounds (never fewer than
    /// the model's head, one repeat iteration and its tail; rounds = head + P·count + tail is solved for
    /// the count, rounding up). Rounds are grouped by the time coordinate, or by
    /// <paramref name="detectorsPerRound"/> when positive.
    /// </summary>
    public static DetectorErrorModel WithRounds(DetectorErrorModel model, int rounds, int detectorsPerRound = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        int at = RoundLayout.LargestRepeat(model.Instructions);
        if (at < 0)
        {
            var flatLayout = RoundLayout.Analyse(model, detectorsPerRound, 1);
            if (flatLayout.NumRounds < 3)
            {
                throw new ArgumentException($"the model has {flatLayout.NumRounds} rounds and no repeat block: it needs a bulk round (≥ 3 rounds) to be folded");
            }
            model = FoldBulkRound(model, flatLayout.NumRounds / 2, 1, detectorsPerRound);
            at = RoundLayout.LargestRepeat(model.Instructions);
        }
        // The block is chosen once: with its count set to 1, another block might look larger.
        int one = RoundLayout.Analyse(RoundLayout.WithCount(model, at, 1), detectorsPerRound, 1).NumRounds;
        int two = RoundLayout.Analyse(RoundLayout.WithCount(model, at, 2), detectorsPerRound, 1).NumRounds;
        int perIteration = two - one, fixedRounds = one - perIteration;
        if (perIteration < 1)
        {
            throw new ArgumentException("the model's repeat block adds no rounds: its length cannot be changed");
        }
        long count = Math.Max(1, ((long)rounds - fixedRounds + perIteration - 1) / perIteration);
        return RoundLayout.WithCount(model, at, (ulong)count);
    }

    /// <summary>
    /// The model with the count of its largest top-level <c>repeat</c> block (the experiment's bulk, the block
    /// <see cref="RoundLayout"/> truncates) replaced by <paramref name="count"/>.
    /// </summary>
    public static DetectorErrorModel WithRepeatCount(DetectorErrorModel model, ulong count)
    {
        ArgumentNullException.ThrowIfNull(model);
        int at = RoundLayout.LargestRepeat(model.Instructions);
        return at >= 0 ? RoundLayout.WithCount(model, at, count) : throw new ArgumentException("the model has no top-level repeat block");
    }

    /// <summary>
    /// Folds a model into <c>repeat <paramref name="count"/></c> of its round <paramref name="bulkRound"/>:
    /// the errors whose earliest detector lies in that round (they touch it and the next) become the body,
    /// shifted by one round's detectors and one time unit per iteration; earlier errors and detectors form
    /// the head, later ones the tail (shifted back by one round, so that count = 1 gives back the original
    /// errors and detectors). Valid when the rounds around the bulk round are translation invariant — true
    /// of Stim's memory circuits away from the first and last rounds; pick a round at least two from
    /// either end. Observables and coordinates are kept; the time coordinate is the last coordinate.
    /// </summary>
    public static DetectorErrorModel FoldBulkRound(DetectorErrorModel model, int bulkRound, ulong count, int detectorsPerRound = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var flat = model.Flatten();
        var layout = RoundLayout.Analyse(model, detectorsPerRound, int.MaxValue / 2); // untruncated: rounds of the flattened model
        if (bulkRound < 1 || bulkRound >= layout.NumRounds - 1)
        {
            throw new ArgumentException($"bulk round {bulkRound}: the model has rounds 0..{layout.NumRounds - 1} and the folded round must have one on each side");
        }
        int lo = layout.TruncatedRoundStart(bulkRound), hi = layout.TruncatedRoundStart(bulkRound + 1);
        int n = hi - lo;
        var head = ImmutableArray.CreateBuilder<DemInstruction>();
        var body = ImmutableArray.CreateBuilder<DemInstruction>();
        var tail = ImmutableArray.CreateBuilder<DemInstruction>();
        for (int e = 0; e < flat.NumErrors; e++)
        {
            var targets = flat.Targets(e);
            long min = long.MaxValue;
            foreach (var t in targets)
            {
                if (t.Kind == DemTargetKind.Detector)
                {
                    min = Math.Min(min, (long)t.Index);
                }
            }
            bool isTail = min >= hi && min != long.MaxValue;
            var mapped = new DemTarget[targets.Length];
            for (int i = 0; i < targets.Length; i++)
            {
                mapped[i] = targets[i].Kind == DemTargetKind.Detector && isTail ? DemTarget.Detector(targets[i].Index - (ulong)n) : targets[i];
            }
            var error = new DemError(flat.Probability(e), [.. mapped]);
            (min < lo || min == long.MaxValue ? head : min < hi ? body : tail).Add(error);
        }
        int dims = 0;
        for (int d = 0; d < flat.NumDetectors; d++)
        {
            var c = flat.DetectorCoordinates(d).ToArray();
            dims = Math.Max(dims, c.Length);
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
                if (c.Length > 0)
                {
                    c[^1] -= 1;
                }
                tail.Add(new DemDetector([.. c], [DemTarget.Detector((ulong)(d - n))]));
            }
        }
        var shift = new double[dims];
        if (dims > 0)
        {
            shift[^1] = 1;
        }
        body.Add(new DemShiftDetectors([.. shift], (ulong)n));
        head.Add(new DemRepeat(count, body.ToImmutable()));
        head.AddRange(tail);
        return new DetectorErrorModel(head.ToImmutable());
    }
}

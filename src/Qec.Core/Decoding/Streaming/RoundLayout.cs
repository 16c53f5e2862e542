using System.Collections.Immutable;
using Qec.Core.Dem;

namespace Qec.Core.Decoding.Streaming;

/// <summary>
/// The rounds of a detector error model, found without flattening it. A round is a run of
/// consecutive detectors with the same time coordinate (the last coordinate, Stim's convention) or a
/// block of an explicit number of detectors. A model whose largest top-level <c>repeat N</c> block is
/// long is kept as a <em>truncated</em> model T: the same text with N replaced by a small M, flattened
/// (kilobytes, not gigabytes). Because every iteration of a repeat body is the same up to a shift of
/// B detectors and P rounds, any stretch of rounds of the full model F maps onto T by subtracting k
/// iterations: k = 0 near the head, k = N − M near the tail, any k in the bulk (<see cref="ChooseShift"/>).
/// Invariant: T's detectors are numbered in round order, so a round is a contiguous detector range.
/// </summary>
public sealed class RoundLayout
{
    private readonly int[] _roundStart; // T: first detector of each T round, plus the end
    private readonly int _safeLo, _safeHi; // T rounds between which any shift k is valid (margins included)

    private RoundLayout(FlatDetectorErrorModel truncated, int[] roundStart, long numRounds, long numDetectors,
        int roundsPerIteration, int detectorsPerIteration, long maxShift, int safeLo, int safeHi)
    {
        Truncated = truncated;
        _roundStart = roundStart;
        NumRounds = checked((int)numRounds);
        NumDetectors = numDetectors;
        RoundsPerIteration = roundsPerIteration;
        DetectorsPerIteration = detectorsPerIteration;
        MaxShift = checked((int)maxShift);
        _safeLo = safeLo;
        _safeHi = safeHi;
    }

    /// <summary>The truncated (or, for short models, the whole) flattened model that windows are cut from.</summary>
    public FlatDetectorErrorModel Truncated { get; }

    /// <summary>Rounds of the full model.</summary>
    public int NumRounds { get; }

    /// <summary>Detectors of the full model.</summary>
    public long NumDetectors { get; }

    /// <summary>Observables of the model.</summary>
    public int NumObservables => Truncated.NumObservables;

    /// <summary>Rounds of the truncated model.</summary>
    public int TruncatedRounds => _roundStart.Length - 1;

    /// <summary>P: rounds per iteration of the truncated repeat block (0 when nothing was truncated).</summary>
    public int RoundsPerIteration { get; }

    /// <summary>B: detectors per iteration of the truncated repeat block (0 when nothing was truncated).</summary>
    public int DetectorsPerIteration { get; }

    /// <summary>N − M: iterations left out of the truncated model (0 when nothing was truncated).</summary>
    public int MaxShift { get; }

    /// <summary>Detectors in the largest round of the truncated model (used to estimate the distance).</summary>
    public int MaxRoundSize
    {
        get
        {
            int m = 0;
            for (int r = 0; r < TruncatedRounds; r++)
            {
                m = Math.Max(m, _roundStart[r + 1] - _roundStart[r]);
            }
            return m;
        }
    }

    /// <summary>First detector (in T) of truncated round <paramref name="truncatedRound"/>; the detector count for TruncatedRounds.</summary>
    public int TruncatedRoundStart(int truncatedRound) => _roundStart[truncatedRound];

    /// <summary>Detectors in round <paramref name="round"/> of the full model.</summary>
    public int RoundSize(int round)
    {
        int t = round - ChooseShift(round, round) * RoundsPerIteration;
        return _roundStart[t + 1] - _roundStart[t];
    }

    /// <summary>Index (in the full model) of the first detector of round <paramref name="round"/>.</summary>
    public long RoundFirstDetector(int round)
    {
        int k = ChooseShift(round, round);
        return _roundStart[round - k * RoundsPerIteration] + (long)k * DetectorsPerIteration;
    }

    /// <summary>
    /// Iterations k to subtract so that full-model rounds [first, last] map onto truncated rounds
    /// [first − kP, last − kP] with the same detectors, errors and neighbourhood.
    /// </summary>
    public int ChooseShift(int first, int last)
    {
        if (first < 0 || last >= NumRounds || first > last)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"rounds {first}..{last} are outside 0..{NumRounds - 1}");
        }
        if (MaxShift == 0)
        {
            return 0;
        }
        // Prefer the canonical bulk placement (truncated start in [safeLo, safeLo + P)), so that
        // all bulk windows share one of P graphs; k = N − M keeps the tail aligned.
        long p = RoundsPerIteration;
        if (first >= _safeLo)
        {
            long k = Math.Min((first - _safeLo) / p, MaxShift);
            if (k == MaxShift || last - k * p <= _safeHi)
            {
                return (int)k;
            }
        }
        if (last <= _safeHi)
        {
            return 0;
        }
        throw new InvalidOperationException(
            $"rounds {first}..{last} do not fit the truncated model (bulk rounds {_safeLo}..{_safeHi}); build the layout for a longer window");
    }

    /// <summary>
    /// Analyses a model. <paramref name="longestStretch"/> is the most consecutive rounds any caller will
    /// map at once (window + cut round + slack); the truncated model keeps enough iterations for it.
    /// </summary>
    /// <param name="model">The detector error model.</param>
    /// <param name="detectorsPerRound">Detectors per round, or 0 to use the time coordinate.</param>
    /// <param name="longestStretch">Longest stretch of rounds mapped at once.</param>
    public static RoundLayout Analyse(DetectorErrorModel model, int detectorsPerRound, int longestStretch)
    {
        ArgumentNullException.ThrowIfNull(model);
        int repeatIndex = LargestRepeat(model.Instructions);
        if (repeatIndex < 0)
        {
            var flat = model.Flatten();
            var starts = RoundStarts(flat, detectorsPerRound);
            return new RoundLayout(flat, starts, starts.Length - 1, flat.NumDetectors, 0, 0, 0, 0, starts.Length);
        }
        var repeat = (DemRepeat)model.Instructions[repeatIndex];
        // P and B from two small truncations (3 and 4 iterations).
        var t3 = WithCount(model, repeatIndex, Math.Min(3UL, repeat.Count)).Flatten();
        var t4 = WithCount(model, repeatIndex, Math.Min(4UL, repeat.Count)).Flatten();
        int b = t4.NumDetectors - t3.NumDetectors;
        int p = RoundStarts(t4, detectorsPerRound).Length - RoundStarts(t3, detectorsPerRound).Length;
        if (repeat.Count <= 4 || b <= 0 || p <= 0)
        {
            return Whole(model, detectorsPerRound);
        }
        ulong m = IterationsKept(longestStretch, p);
        if (repeat.Count <= m + 2)
        {
            return Whole(model, detectorsPerRound);
        }
        var truncated = WithCount(model, repeatIndex, m).Flatten();
        var roundStart = RoundStarts(truncated, detectorsPerRound);
        long shift = (long)(repeat.Count - m);
        long numRounds = roundStart.Length - 1 + shift * p;
        long numDetectors = truncated.NumDetectors + shift * b;
        if ((ulong)numDetectors != model.NumDetectors)
        {
            throw new ArgumentException(
                $"the repeat block at instruction {repeatIndex} does not shift detectors by the same amount each iteration " +
                $"({numDetectors} detectors predicted, the model has {model.NumDetectors}); it cannot be streamed round by round");
        }
        var (headMax, tailMin) = HeadAndTailReach(model.Instructions, repeatIndex, m);
        int headRound = headMax < 0 ? 0 : RoundOf(roundStart, (int)Math.Min(headMax, truncated.NumDetectors - 1));
        int tailRound = tailMin < 0 || tailMin >= truncated.NumDetectors ? roundStart.Length - 2 : RoundOf(roundStart, (int)tailMin);
        int safeLo = headRound + 2 * p + 2, safeHi = tailRound - 2 * p - 2;
        if (safeHi - safeLo < longestStretch + p)
        {
            throw new InvalidOperationException($"truncated model too short: bulk rounds {safeLo}..{safeHi} for stretches of {longestStretch}");
        }
        return new RoundLayout(truncated, roundStart, numRounds, numDetectors, p, b, shift, safeLo, safeHi);
    }

    /// <summary>
    /// An upper bound, from counts alone (nothing is flattened), on the detectors <see cref="Analyse"/>
    /// flattens for <paramref name="model"/> and <paramref name="longestStretch"/>: the whole model when it
    /// has no long repeat block, else the model with its largest block cut to the most iterations kept
    /// (one round per iteration, the worst case). Lets a server refuse a model or a window too large for
    /// its memory before analysing it.
    /// </summary>
    public static ulong FlattenedDetectorsBound(DetectorErrorModel model, int longestStretch)
    {
        ArgumentNullException.ThrowIfNull(model);
        int repeatIndex = LargestRepeat(model.Instructions);
        ulong m = IterationsKept(longestStretch, 1);
        if (repeatIndex < 0 || ((DemRepeat)model.Instructions[repeatIndex]).Count <= m + 2)
        {
            return model.Counts.NumDetectors;
        }
        return WithCount(model, repeatIndex, m).Counts.NumDetectors;
    }

    /// <summary>
    /// Iterations M of the repeat block kept in the truncated model, for P rounds per iteration:
    /// safeHi − safeLo ≥ stretch needs M·P ≳ stretch + 4P + 4 + (head/tail reach); keep slack.
    /// </summary>
    private static ulong IterationsKept(int longestStretch, int p) => (ulong)((longestStretch + 6L * p + 10 + p - 1) / p) + 4;

    private static RoundLayout Whole(DetectorErrorModel model, int detectorsPerRound)
    {
        var flat = model.Flatten();
        var starts = RoundStarts(flat, detectorsPerRound);
        return new RoundLayout(flat, starts, starts.Length - 1, flat.NumDetectors, 0, 0, 0, 0, starts.Length);
    }

    private static int RoundOf(int[] roundStart, int detector)
    {
        int r = Array.BinarySearch(roundStart, 0, roundStart.Length - 1, detector);
        return r >= 0 ? r : ~r - 1;
    }

    /// <summary>Index of the top-level repeat block with the largest count (the experiment's bulk), or −1.</summary>
    internal static int LargestRepeat(ImmutableArray<DemInstruction> instructions)
    {
        int best = -1;
        ulong count = 0;
        for (int i = 0; i < instructions.Length; i++)
        {
            if (instructions[i] is DemRepeat r && r.Count > count)
            {
                best = i;
                count = r.Count;
            }
        }
        return best;
    }

    /// <summary>The model with the count of its top-level instruction <paramref name="repeatIndex"/> (a repeat block) replaced.</summary>
    internal static DetectorErrorModel WithCount(DetectorErrorModel model, int repeatIndex, ulong count)
    {
        var r = (DemRepeat)model.Instructions[repeatIndex];
        return new DetectorErrorModel(model.Instructions.SetItem(repeatIndex, r with { Count = count }));
    }

    /// <summary>First detector of each round of a flat model, plus the detector count at the end.</summary>
    private static int[] RoundStarts(FlatDetectorErrorModel flat, int detectorsPerRound)
    {
        int n = flat.NumDetectors;
        if (detectorsPerRound > 0)
        {
            if (n % detectorsPerRound != 0)
            {
                throw new ArgumentException(
                    $"{StreamingOptions.DetectorsPerRoundKey}={detectorsPerRound} does not divide the {n} detectors of the model");
            }
            var s = new int[n / detectorsPerRound + 1];
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = i * detectorsPerRound;
            }
            return s;
        }
        var list = new List<int>();
        double last = double.NegativeInfinity;
        for (int d = 0; d < n; d++)
        {
            var c = flat.DetectorCoordinates(d);
            if (c.Length == 0)
            {
                throw new ArgumentException(
                    $"detector D{d} has no coordinates, so its round (time coordinate) is unknown; pass {StreamingOptions.DetectorsPerRoundKey}=N");
            }
            double t = c[^1];
            if (t < last)
            {
                throw new ArgumentException(
                    $"detector D{d} has time coordinate {t} after a detector with time {last}: detectors must be numbered in time order to stream; pass {StreamingOptions.DetectorsPerRoundKey}=N");
            }
            if (t > last)
            {
                list.Add(d);
                last = t;
            }
        }
        list.Add(n);
        return list.ToArray();
    }

    /// <summary>
    /// Largest detector index touched before the repeat block and smallest touched after it (in the
    /// model truncated to <paramref name="m"/> iterations); −1 where none.
    /// </summary>
    private static (long HeadMax, long TailMin) HeadAndTailReach(ImmutableArray<DemInstruction> top, int repeatIndex, ulong m)
    {
        long offset = 0, headMax = -1, tailMin = -1;
        for (int i = 0; i < top.Length; i++)
        {
            if (i == repeatIndex)
            {
                offset += (long)m * Shift(((DemRepeat)top[i]).Body);
                continue;
            }
            var (lo, hi) = Reach(top[i], offset);
            if (i < repeatIndex && hi >= 0)
            {
                headMax = Math.Max(headMax, hi);
            }
            if (i > repeatIndex && lo >= 0)
            {
                tailMin = tailMin < 0 ? lo : Math.Min(tailMin, lo);
            }
            offset += top[i] switch
            {
                DemShiftDetectors s => (long)s.DetectorShift,
                DemRepeat r => (long)r.Count * Shift(r.Body),
                _ => 0,
            };
        }
        return (headMax, tailMin);
    }

    private static long Shift(ImmutableArray<DemInstruction> body)
    {
        long s = 0;
        foreach (var ins in body)
        {
            s += ins switch
            {
                DemShiftDetectors sh => (long)sh.DetectorShift,
                DemRepeat r => (long)r.Count * Shift(r.Body),
                _ => 0,
            };
        }
        return s;
    }

    private static (long Lo, long Hi) Reach(DemInstruction ins, long offset)
    {
        long lo = -1, hi = -1;
        void Touch(ImmutableArray<DemTarget> targets)
        {
            foreach (var t in targets)
            {
                if (t.Kind == DemTargetKind.Detector)
                {
                    long d = (long)t.Index + offset;
                    lo = lo < 0 ? d : Math.Min(lo, d);
                    hi = Math.Max(hi, d);
                }
            }
        }
        switch (ins)
        {
            case DemError e:
                Touch(e.Targets);
                break;
            case DemDetector d:
                Touch(d.Targets);
                break;
            case DemRepeat r:
                long inner = offset;
                foreach (var b in r.Body)
                {
                    var (l, h) = Reach(b, inner);
                    if (l >= 0)
                    {
                        lo = lo < 0 ? l : Math.Min(lo, l);
                    }
                    hi = Math.Max(hi, h);
                    inner += b is DemShiftDetectors s ? (long)s.DetectorShift : b is DemRepeat rr ? (long)rr.Count * Shift(rr.Body) : 0;
                }
                if (hi >= 0)
                {
                    hi += ((long)r.Count - 1) * Shift(r.Body);
                }
                break;
        }
        return (lo, hi);
    }
}

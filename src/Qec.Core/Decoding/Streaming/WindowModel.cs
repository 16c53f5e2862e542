using System.Collections.Immutable;
using Qec.Core.Dem;

namespace Qec.Core.Decoding.Streaming;

/// <summary>
/// The detector error model of one window: truncated rounds [<see cref="FirstRound"/>, <see cref="EndRound"/>)
/// of a <see cref="RoundLayout"/>, renumbered from 0, plus (when the future is cut) a <em>cut layer</em>:
/// the detectors of round EndRound, numbered after the window's, each with a nearly free boundary
/// edge (p = <see cref="CutProbability"/>) that flips the extra <see cref="CutObservable"/>. A match
/// whose mask holds that bit ran into the future; the window cannot decide it. Rules per error
/// component: a component touching a round before the window is dropped (the past is committed and
/// leaves no defects: only whole matches are ever committed); one touching rounds after the cut
/// layer keeps its window detectors and gains the cut observable (rare: errors span adjacent rounds);
/// one with no window detector is dropped. With a <em>past cut</em> (the A windows of parallel decoding,
/// whose past is not committed but raw events) a component touching round FirstRound − 1 instead keeps its
/// window detectors, with its own probability, and gains the cut observable: an event whose partner lies just
/// before the window then matches to the past for what the error costs, instead of growing across the window
/// for a partner it does not have (which, at d = 17, doubled the A windows' decoding time).
/// </summary>
public sealed class WindowModel
{
    /// <summary>Probability of a cut-layer boundary edge: weight ln(0.51/0.49) ≈ 0.04, nearly free.</summary>
    public const double CutProbability = 0.49;

    private WindowModel(DetectorErrorModel model, int firstRound, int endRound, int numNodes, int cutObservable, int[] nodeRound)
    {
        Model = model;
        FirstRound = firstRound;
        EndRound = endRound;
        NumWindowNodes = numNodes;
        CutObservable = cutObservable;
        _nodeRound = nodeRound;
    }

    private readonly int[] _nodeRound;

    /// <summary>The window's model (window nodes, then cut-layer nodes).</summary>
    public DetectorErrorModel Model { get; }

    /// <summary>First truncated round of the window.</summary>
    public int FirstRound { get; }

    /// <summary>One past the last truncated round of the window.</summary>
    public int EndRound { get; }

    /// <summary>Window detectors (cut layer excluded); node i is truncated detector TruncatedRoundStart(FirstRound) + i.</summary>
    public int NumWindowNodes { get; }

    /// <summary>Index of the cut observable, or −1 when the window reaches the end of the experiment.</summary>
    public int CutObservable { get; }

    /// <summary>Round of window node <paramref name="node"/>, relative to the window (0 = first round).</summary>
    public int NodeRound(int node) => _nodeRound[node];

    /// <summary>
    /// Builds the window of truncated rounds [first, end); the future is cut when end &lt; TruncatedRounds, the past
    /// when <paramref name="pastCut"/> and first &gt; 0.
    /// </summary>
    public static WindowModel Build(RoundLayout layout, int first, int end, bool pastCut = false)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (first < 0 || end <= first || end > layout.TruncatedRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"window rounds {first}..{end} outside 0..{layout.TruncatedRounds}");
        }
        var flat = layout.Truncated;
        bool cut = end < layout.TruncatedRounds;
        int lo = layout.TruncatedRoundStart(first), hi = layout.TruncatedRoundStart(end);
        int cutHi = cut ? layout.TruncatedRoundStart(end + 1) : hi;
        int nodes = hi - lo, total = cutHi - lo;
        pastCut &= first > 0;
        int pastLo = pastCut ? layout.TruncatedRoundStart(first - 1) : lo;
        int cutObs = cut || pastCut ? flat.NumObservables : -1;
        if (cutObs >= 63)
        {
            throw new ArgumentException($"streaming supports at most 62 observables (one more marks the cut); the model has {flat.NumObservables}");
        }
        var nodeRound = new int[nodes];
        for (int r = first; r < end; r++)
        {
            for (int d = layout.TruncatedRoundStart(r); d < layout.TruncatedRoundStart(r + 1); d++)
            {
                nodeRound[d - lo] = r - first;
            }
        }
        var ins = ImmutableArray.CreateBuilder<DemInstruction>();
        var targets = new List<DemTarget>();
        var component = new List<DemTarget>();
        for (int e = 0; e < flat.NumErrors; e++)
        {
            var ts = flat.Targets(e);
            targets.Clear();
            int start = 0;
            for (int i = 0; i <= ts.Length; i++)
            {
                if (i < ts.Length && ts[i].Kind != DemTargetKind.Separator)
                {
                    continue;
                }
                if (MapComponent(ts[start..i], pastLo, lo, hi, cutHi, cutObs, component))
                {
                    if (targets.Count > 0)
                    {
                        targets.Add(DemTarget.Separator);
                    }
                    targets.AddRange(component);
                }
                start = i + 1;
            }
            if (targets.Count > 0)
            {
                ins.Add(new DemError(flat.Probability(e), [.. targets]));
            }
        }
        for (int c = nodes; c < total; c++)
        {
            ins.Add(new DemError(CutProbability, [DemTarget.Detector((ulong)c), DemTarget.Observable((ulong)cutObs)]));
        }
        for (int n = 0; n < total; n++)
        {
            ins.Add(new DemDetector([], [DemTarget.Detector((ulong)n)]));
        }
        for (int o = 0; o < flat.NumObservables + (cutObs >= 0 ? 1 : 0); o++)
        {
            ins.Add(new DemLogicalObservable([DemTarget.Observable((ulong)o)]));
        }
        return new WindowModel(new DetectorErrorModel(ins.ToImmutable()), first, end, nodes, cutObs, nodeRound);
    }

    /// <summary>Maps one component's targets (detectors in [pastLo, lo) are the past cut's); false when it is dropped.</summary>
    private static bool MapComponent(ReadOnlySpan<DemTarget> comp, int pastLo, int lo, int hi, int cutHi, int cutObs, List<DemTarget> output)
    {
        output.Clear();
        bool inWindow = false, beyond = false;
        foreach (var t in comp)
        {
            if (t.Kind != DemTargetKind.Detector)
            {
                continue;
            }
            long d = (long)t.Index;
            if (d < pastLo)
            {
                return false;
            }
            if (d < lo)
            {
                beyond = true;
            }
            else if (d < hi)
            {
                inWindow = true;
            }
            else if (d >= cutHi)
            {
                beyond = true;
            }
        }
        if (!inWindow)
        {
            return false;
        }
        foreach (var t in comp)
        {
            if (t.Kind == DemTargetKind.Detector)
            {
                long d = (long)t.Index;
                if (d >= lo && d < cutHi)
                {
                    output.Add(DemTarget.Detector((ulong)(d - lo)));
                }
            }
            else
            {
                output.Add(t);
            }
        }
        if (beyond && cutObs >= 0)
        {
            output.Add(DemTarget.Observable((ulong)cutObs));
        }
        return true;
    }
}

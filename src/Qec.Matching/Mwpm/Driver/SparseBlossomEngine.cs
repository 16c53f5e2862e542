using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Mwpm.Matcher;
using Qec.Matching.Mwpm.SmallShots;

namespace Qec.Matching.Mwpm.Driver;

/// <summary>
/// Decodes one shot with sparse blossom (Higgott &amp; Gidney, arXiv:2303.15933; PyMatching's
/// <c>driver/mwpm_decoding.cc</c>): detection events (after the negative-weight toggles) become
/// regions at time 0 in input order, the timeline runs until the queue is empty, then the matching
/// is extracted per event. Returns weight_int = Σ matched edges' integer weights, plus the
/// negative-weight corrections. Owns all per-shot state; not thread-safe; allocation-free after warm-up.
/// With more than 64 observables the timeline (which never looks at observables) is replayed once per
/// 64-bit word of the mask. Given the graph's <see cref="ShortestPathTable"/>, shots with few events
/// whose optimum involves no tie-break are answered from it instead (<see cref="SmallShotMatcher"/>:
/// same weight, prediction and match list), while the graph's weights are those tabulated
/// (<see cref="WeightsAsTabulated"/>).
/// </summary>
internal sealed class SparseBlossomEngine
{
    private readonly FloodGraph _graph;
    private readonly GraphFlooder _flooder;
    private readonly BlossomMatcher _matcher;
    private readonly ScratchList<int> _events = new();
    private readonly ScratchList<int> _toDecode = new();
    private readonly SmallShotMatcher? _smallShots;

    public SparseBlossomEngine(FloodGraph graph, ShortestPathTable? shortestPaths = null)
    {
        _graph = graph;
        _smallShots = shortestPaths is null ? null : new SmallShotMatcher(shortestPaths);
        _flooder = new GraphFlooder(graph);
        _matcher = new BlossomMatcher(_flooder);
    }

    public FloodGraph Graph => _graph;

    /// <summary>
    /// Whether the graph's weights are those its shortest-path table was built from (default true);
    /// correlated matching clears it while pass two runs on re-weighted edges.
    /// </summary>
    public bool WeightsAsTabulated { get; set; } = true;

    /// <summary>Whether the last shot decoded was answered from the shortest-path table (its paths are then the tabulated ones).</summary>
    public bool LastShotFromTable { get; private set; }

    /// <summary>Decodes b8-packed detection events; writes the observable mask words; returns weight_int.</summary>
    public long DecodePacked(ReadOnlySpan<byte> detectionEvents, Span<ulong> observables)
    {
        PackedShot.ListDetectionEvents(detectionEvents, _graph.NumNodes, _events);
        // The list holds each detector once, in ascending order: with no negative-weight toggles the
        // events to decode are exactly these (CollectEventsToDecode would return them unchanged).
        return _graph.NegativeWeightDetectors.Length == 0
            ? DecodeCollectedEvents(_events.AsSpan(), observables)
            : DecodeEvents(_events.AsSpan(), observables);
    }

    /// <summary>
    /// Decodes a list of detection events (a detector listed twice cancels, as parities do); writes
    /// the observable mask words (length ≥ Graph.ObservableWords); returns weight_int.
    /// </summary>
    public long DecodeEvents(ReadOnlySpan<int> detectionEvents, Span<ulong> observables)
    {
        CollectEventsToDecode(detectionEvents);
        return DecodeCollectedEvents(_toDecode.AsSpan(), observables);
    }

    /// <summary>Decodes distinct detection events (already toggled by the negative-weight nodes); returns weight_int.</summary>
    private long DecodeCollectedEvents(ReadOnlySpan<int> events, Span<ulong> observables)
    {
        int words = _graph.ObservableWords;
        if (observables.Length < words)
        {
            throw new ArgumentException($"observable mask needs {words} words, got {observables.Length}");
        }
        long weight = 0;
        ulong mask = 0;
        LastShotFromTable = _smallShots is not null && WeightsAsTabulated
            && _smallShots.TryMatch(events, _matcher.MatchSink, out weight, out mask);
        if (LastShotFromTable)
        {
            observables[0] = mask ^ _graph.NegativeWeightObservables[0];
            return weight + _graph.NegativeWeightSum;
        }
        for (int w = 0; w < words; w++)
        {
            _flooder.SelectObservableWord(w);
            weight = DecodeOneWord(events, out observables[w]);
            observables[w] ^= _graph.NegativeWeightObservables[w];
        }
        return weight + _graph.NegativeWeightSum;
    }

    /// <summary>
    /// As <see cref="DecodeEvents"/>, and lists the final matching in <paramref name="matches"/>
    /// (cleared first). Only for graphs with one observable word and no negative-weight edges, where
    /// the matches alone explain the prediction (XOR of their masks).
    /// </summary>
    public long DecodeEventsWithMatches(ReadOnlySpan<int> detectionEvents, Span<ulong> observables, ScratchList<MwpmMatch> matches)
    {
        if (_graph.ObservableWords != 1 || _graph.NegativeWeightDetectors.Length != 0)
        {
            throw new InvalidOperationException(
                "match lists need a graph with at most 64 observables and no negative-weight (p > 0.5) edges");
        }
        matches.Clear();
        _matcher.MatchSink = matches;
        try
        {
            return DecodeEvents(detectionEvents, observables);
        }
        finally
        {
            _matcher.MatchSink = null;
        }
    }

    /// <summary>The events to grow regions from: input events XOR negative-weight nodes, in PyMatching's order.</summary>
    private void CollectEventsToDecode(ReadOnlySpan<int> detectionEvents)
    {
        var nodes = _flooder.Nodes;
        var negative = _graph.NegativeWeightDetectors;
        // Validate everything before touching the marks, so a bad shot leaves no state behind.
        for (int i = 0; i < detectionEvents.Length; i++)
        {
            if ((uint)detectionEvents[i] >= (uint)nodes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(detectionEvents),
                    $"detection event {detectionEvents[i]} (entry {i}) is not a detector of this model (0..{nodes.Length - 1})");
            }
        }
        foreach (int d in detectionEvents)
        {
            nodes[d].Marked ^= true;
        }
        foreach (int d in negative)
        {
            nodes[d].Marked ^= true;
        }
        _toDecode.Clear();
        foreach (int d in detectionEvents)
        {
            if (nodes[d].Marked)
            {
                nodes[d].Marked = false;
                _toDecode.Add(d);
            }
        }
        foreach (int d in negative)
        {
            if (nodes[d].Marked)
            {
                nodes[d].Marked = false;
                _toDecode.Add(d);
            }
        }
    }

    private long DecodeOneWord(ReadOnlySpan<int> events, out ulong observables)
    {
        try
        {
            _flooder.Queue.Clear();
            _flooder.Queue.CurrentTime = 0;
            foreach (int d in events)
            {
                _matcher.CreateDetectionEvent(d);
            }
            while (true)
            {
                var ev = _flooder.RunUntilNextMwpmNotification();
                if (ev.Kind == MwpmEventKind.None)
                {
                    break;
                }
                _matcher.ProcessEvent(ev);
            }
            if (_matcher.TreeNodes.Live != 0)
            {
                throw new InvalidOperationException(
                    "no perfect matching exists: some connected component without a boundary edge holds an odd number of detection events");
            }
            observables = 0;
            long weight = 0;
            foreach (int d in events)
            {
                if (_flooder.IsOwned(d))
                {
                    _matcher.ShatterBlossomAndExtractMatches(_flooder.TopRegionOf(d), ref observables, ref weight);
                }
            }
            return weight;
        }
        catch
        {
            ResetAll();
            throw;
        }
    }

    /// <summary>Full reset after a failed shot.</summary>
    private void ResetAll()
    {
        _flooder.ResetAll();
        _matcher.TreeNodes.FreeAll();
    }
}

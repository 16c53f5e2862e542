using Qec.Core.Decoding;
using Qec.Matching.Mwpm.Driver;
using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Mwpm.SmallShots;

namespace Qec.Matching.Correlated;

/// <summary>
/// Two-pass correlated matching (Fowler, arXiv:1310.0863; PyMatching 2.3's <c>enable_correlations</c>):
/// pass one is exact sparse-blossom matching; the edges of its solution (the XOR of one shortest
/// path per matched pair) are taken to have occurred, and each lowers the weights of the edges it
/// shares a decomposed error with to their implied weights (lower only, so the order does not
/// matter); pass two matches again on the re-weighted graph and gives the prediction. The weights
/// are this instance's private copy of the adjacency (the compiled graph stays shared and
/// unchanged); only the slots re-weighted in a shot are restored after it. When pass one's edges
/// re-weight nothing, pass two would repeat pass one and is skipped. Pass one of a small shot may be
/// answered from the shortest-path table (only when its pairing and paths are unique, so the paths are
/// the tabulated ones); pairs whose only shortest path has one or two edges take it without a search
/// (<see cref="ShortUniquePaths"/>); pass two always runs sparse blossom. A shot's answer does not depend
/// on the shots decoded before it. Not thread-safe; no allocation after warm-up.
/// </summary>
public sealed class CorrelatedMwpmDecoder : IDecoder
{
    private readonly FloodGraph _graph;
    private readonly FloodEdge[] _slots;
    private readonly ImpliedWeightTable _rules;
    private readonly SparseBlossomEngine _engine;
    private readonly PathSearch _search;
    private readonly ShortestPathTable? _shortestPaths;
    private readonly ShortUniquePaths? _shortPaths;
    private readonly ScratchList<int> _events = new();
    private readonly ScratchList<MwpmMatch> _matches = new();
    private readonly ScratchList<int> _pathSlots = new();
    private readonly ScratchList<int> _touched = new();
    private readonly FloodEdge[] _sharedSlots; // the compiled weights, which Restore copies back
    private readonly ScratchList<int> _lowered = new();
    private readonly bool[] _flipped;
    private readonly ulong[] _mask = new ulong[1];

    internal CorrelatedMwpmDecoder(FloodGraph shared, ImpliedWeightTable rules, ShortestPathTable? shortestPaths,
        ShortUniquePaths? shortPaths)
    {
        _sharedSlots = shared.Slots;
        _slots = (FloodEdge[])shared.Slots.Clone();
        _graph = new FloodGraph(shared.NumNodes, shared.NumObservables, shared.Start, _slots, shared.ReverseSlot,
            shared.ObservablesByWord, shared.NegativeWeightDetectors, shared.NegativeWeightObservables,
            shared.NegativeWeightSum, shared.NormalisingConstant);
        _rules = rules;
        _engine = new SparseBlossomEngine(_graph, shortestPaths);
        _shortestPaths = shortestPaths;
        _shortPaths = shortPaths;
        _search = new PathSearch(_graph);
        _flipped = new bool[_slots.Length];
    }

    /// <inheritdoc/>
    public int NumDetectors => _graph.NumNodes;

    /// <inheritdoc/>
    public int NumObservables => _graph.NumObservables;

    /// <summary>2C: an integer weight divided by this is in ln((1-p)/p) units.</summary>
    public double NormalisingConstant => _graph.NormalisingConstant;

    /// <summary>Shots decoded so far by this instance whose pass one re-weighted some edge (diagnostics).</summary>
    public long ReweightedShots { get; private set; }

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) =>
        DecodeToIntegerWeight(detectionEvents, observableFlips);

    /// <summary>Decodes; <see cref="DecodeInfo.Weight"/> = pass two's weight_int / (2C).</summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) =>
        new(DecodeToIntegerWeight(detectionEvents, observableFlips) / NormalisingConstant, double.NaN);

    /// <summary>
    /// Decodes one b8-packed shot, writes the b8-packed predicted observable flips, and returns pass
    /// two's integer weight (on the re-weighted graph, as PyMatching reports it).
    /// </summary>
    public long DecodeToIntegerWeight(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        int ob = (NumObservables + 7) >> 3;
        if (observableFlips.Length < ob)
        {
            throw new ArgumentException($"observable output needs {ob} bytes for {NumObservables} observables, got {observableFlips.Length}");
        }
        PackedShot.ListDetectionEvents(detectionEvents, _graph.NumNodes, _events);
        long w = DecodeEvents(_events.AsSpan(), _mask);
        for (int i = 0; i < ob; i++)
        {
            observableFlips[i] = (byte)(_mask[0] >> (i << 3));
        }
        return w;
    }

    /// <summary>
    /// Decodes a list of detection events (a repeated index cancels) into the observable mask
    /// (one word: at most 64 observables) and returns pass two's weight_int.
    /// </summary>
    public long DecodeEvents(ReadOnlySpan<int> detectionEvents, Span<ulong> observableMask) =>
        DecodeEventsWithMatches(detectionEvents, observableMask, null);

    /// <summary>
    /// As <see cref="DecodeEvents"/>, and lists pass two's final matching in <paramref name="matches"/>
    /// (cleared first; null: not wanted), for the sliding window's commit rule.
    /// </summary>
    internal long DecodeEventsWithMatches(ReadOnlySpan<int> detectionEvents, Span<ulong> observableMask, ScratchList<MwpmMatch>? matches)
    {
        long weight = _engine.DecodeEventsWithMatches(detectionEvents, observableMask, _matches);
        try
        {
            if (!Reweight())
            {
                if (matches is not null)
                {
                    matches.Clear();
                    foreach (var m in _matches.AsSpan())
                    {
                        matches.Add(m);
                    }
                }
                return weight;
            }
            ReweightedShots++;
            _engine.WeightsAsTabulated = false;
            return matches is null
                ? _engine.DecodeEvents(detectionEvents, observableMask)
                : _engine.DecodeEventsWithMatches(detectionEvents, observableMask, matches);
        }
        finally
        {
            Restore();
            _engine.WeightsAsTabulated = true;
        }
    }

    /// <summary>Applies the implied weights of pass one's edges; false when no weight changed.</summary>
    private bool Reweight()
    {
        _pathSlots.Clear();
        // PyMatching's search flooder carries the last search's target kind from shot to shot; a fresh
        // start per shot makes a shot's paths independent of the shots this instance decoded before
        // (parallel windows, sessions) and changes no prediction on the 212,000 reference shots.
        _search.ResetHistory();
        var matches = _matches.AsSpan();
        foreach (var m in matches)
        {
            if (_engine.LastShotFromTable)
            {
                // Pass one answered from the table has one shortest path per match (SmallShotMatcher's
                // rule for match lists): the tabulated one, which the search would find too.
                _shortestPaths!.AppendPath(_graph, m.A, m.B, _pathSlots);
                _search.SkipSearch(m.B);
            }
            else if (_shortPaths is not null && _shortPaths.TryAppendPath(m.A, m.B, _pathSlots))
            {
                // The pair's only shortest path has one or two edges: the path any search returns.
                _search.SkipSearch(m.B);
            }
            else if (m.B >= 0)
            {
                // Equal-length paths are chosen by which end's flood starts first. Our match records name
                // the pair in the opposite order to PyMatching's match edges, so start from B: with A first,
                // 32 of 212,000 reference shots took another equal-length path and 0.015% of predictions
                // differed from PyMatching's; with B first every reference shot agrees.
                _search.AppendShortestPath(m.B, m.A, _pathSlots);
            }
            else
            {
                _search.AppendShortestPath(m.A, -1, _pathSlots);
            }
        }
        // An edge on an even number of paths is not in the solution (paths are XORed, as edge sets).
        _touched.Clear();
        foreach (int s in _pathSlots.AsSpan())
        {
            int c = ImpliedWeightTable.Canonical(_graph, s);
            if (!_flipped[c])
            {
                _touched.Add(c);
            }
            _flipped[c] ^= true;
        }
        var rules = _rules.Rules;
        var start = _rules.Start;
        foreach (int c in _touched.AsSpan())
        {
            if (!_flipped[c])
            {
                continue;
            }
            _flipped[c] = false;
            for (int r = start[c]; r < start[c + 1]; r++)
            {
                var rule = rules[r];
                if (rule.Weight < _slots[rule.SlotA].Weight)
                {
                    Lower(rule.SlotA, rule.Weight);
                    if (rule.SlotB >= 0)
                    {
                        Lower(rule.SlotB, rule.Weight);
                    }
                }
            }
        }
        foreach (int c in _touched.AsSpan())
        {
            _flipped[c] = false;
        }
        return _lowered.Count != 0;
    }

    private void Lower(int slot, int weight)
    {
        _lowered.Add(slot);
        _slots[slot] = new FloodEdge(_slots[slot].Node, weight);
    }

    /// <summary>Gives the re-weighted slots their compiled weights back.</summary>
    private void Restore()
    {
        foreach (int slot in _lowered.AsSpan())
        {
            _slots[slot] = _sharedSlots[slot];
        }
        _lowered.Clear();
    }
}

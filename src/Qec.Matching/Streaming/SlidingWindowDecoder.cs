using System.Runtime.CompilerServices;
using Qec.Core.Decoding.Streaming;

namespace Qec.Matching.Streaming;

/// <summary>
/// One stream's sliding-window decoder. Window [u, u + W) is decoded once rounds up to u + W − 1
/// have arrived (the cut layer, round u + W, needs no data: it never holds events). Commit rule
/// (documented in bench/RESULTS.md, "Streaming (sliding window)"): a group (an MWPM match, or a
/// union-find cluster) whose earliest event lies in the commit region [u, u + C) is committed —
/// its observables enter the logical frame and its events leave the stream, even when its partner lies
/// in the buffer — unless it runs into the cut; such a group is carried: the next window starts at
/// its earliest round instead of u + C, so it is decoded again with more future. If even the window
/// start holds a carried group (no progress is possible), that group is committed as if the cut were
/// a boundary (<see cref="ForcedCommits"/> counts them). When the penultimate round arrives, one extra
/// window [u, R − 1) (cut at the last round) commits the rounds that already have W − C rounds after
/// them, so the last window — reaching the final round, without a cut, committing everything — spans
/// only W − C + 1 rounds: the latency after the last round does not depend on R mod C. Only whole groups are committed, so the past never keeps a
/// residual defect and edges into committed rounds are left out of later windows.
/// Invariant: every active event lies in a round ≥ u; rounds before u are final.
/// <para>The window layer (Finish, DecodeWindow, Commit, Compact, the warm-up) is compiled fully optimized
/// from the start ([AggressiveOptimization]) instead of by dynamic PGO: PGO laid it out for bulk windows and
/// the once-per-shot end-of-stream path then ran through its cold side, making the latency after the last
/// round of a 100,000-round experiment 2.1–2.6× that of a 10-round one (1.3–1.7× without; the matcher below
/// keeps PGO, worth 25% per round; bench/RESULTS.md, "Streaming").</para>
/// </summary>
public sealed class SlidingWindowDecoder : IStreamingDecoder
{
    private readonly SlidingWindowCompiledDecoder _compiled;
    private readonly RoundLayout _layout;
    private readonly WindowMatcherCache _matchers;
    private readonly WindowGroups _groups = new();
    private long[] _activeDet = new long[64];
    private int[] _activeRound = new int[64];
    private int _activeCount;
    private int[] _events = new int[64];
    private int[] _nodeToActive = new int[64];
    private bool[] _remove = new bool[64];
    private readonly int[] _roundEvents; // scratch: a packed round's set bits
    private int _start;
    private ulong _frame;
    private int _warmedRounds; // written by WarmFinalWindow so that its reads are not optimized away

    internal SlidingWindowDecoder(SlidingWindowCompiledDecoder compiled)
    {
        _compiled = compiled;
        _matchers = new WindowMatcherCache(compiled);
        _layout = compiled.Layout;
        _roundEvents = new int[(_layout.MaxRoundSize + 7) & ~7];
    }

    /// <inheritdoc/>
    public int NumRounds => _layout.NumRounds;

    /// <inheritdoc/>
    public int NumObservables => _layout.NumObservables;

    /// <inheritdoc/>
    public int NextRound { get; private set; }

    /// <inheritdoc/>
    public int CommittedRounds => _start;

    /// <inheritdoc/>
    public long CommittedEvents { get; private set; }

    /// <summary>Windows decoded in this shot.</summary>
    public int WindowsDecoded { get; private set; }

    /// <summary>Groups committed with the cut treated as a boundary because no progress was possible (this shot).</summary>
    public int ForcedCommits { get; private set; }

    /// <summary>Detection events waiting (received, not yet committed).</summary>
    public int PendingEvents => _activeCount;

    /// <inheritdoc/>
    public int RoundSize(int round) => _layout.RoundSize(round);

    /// <inheritdoc/>
    public bool PushRound(int round, ReadOnlySpan<byte> detectionEvents, Span<byte> committedFlips)
    {
        StreamChecks.CheckRound(round, NextRound, NumRounds);
        RoundBits.Check(round, _layout.RoundSize(round), detectionEvents);
        CheckOutput(committedFlips);
        int n = RoundBits.SetBits(detectionEvents, _roundEvents);
        return PushChecked(round, _roundEvents.AsSpan(0, n), committedFlips);
    }

    /// <summary>
    /// Same as <see cref="PushRound(int, ReadOnlySpan{byte}, Span{byte})"/> with the round's events as
    /// detector indices within the round (0 ≤ i &lt; RoundSize), each listed once.
    /// </summary>
    public bool PushRoundEvents(int round, ReadOnlySpan<int> detectorsInRound, Span<byte> committedFlips)
    {
        StreamChecks.CheckRound(round, NextRound, NumRounds);
        CheckOutput(committedFlips);
        StreamChecks.CheckRoundEvents(round, detectorsInRound, _layout.RoundSize(round));
        return PushChecked(round, detectorsInRound, committedFlips);
    }

    // A checked round's events, as detector indices within the round.
    private bool PushChecked(int round, ReadOnlySpan<int> detectorsInRound, Span<byte> committedFlips)
    {
        long first = _layout.RoundFirstDetector(round);
        foreach (int i in detectorsInRound)
        {
            AddActive(first + i, round);
        }
        NextRound = round + 1;
        return Advance(committedFlips);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finish(Span<byte> observableFlips)
    {
        StreamChecks.CheckComplete(NextRound, NumRounds);
        CheckOutput(observableFlips);
        int w = _compiled.Window;
        while (NumRounds - _start > w)
        {
            DecodeWindow(_start, _start + w, final: false, _compiled.Commit);
        }
        if (_start < NumRounds)
        {
            DecodeWindow(_start, NumRounds, final: true, 0);
        }
        WriteFrame(observableFlips);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        NextRound = 0;
        _start = 0;
        _frame = 0;
        _activeCount = 0;
        CommittedEvents = 0;
        WindowsDecoded = 0;
        ForcedCommits = 0;
    }

    private void CheckOutput(Span<byte> output)
    {
        int bytes = (NumObservables + 7) >> 3;
        if (output.Length < bytes)
        {
            throw new ArgumentException($"observable output needs {bytes} bytes for {NumObservables} observables, got {output.Length}");
        }
    }

    private bool Advance(Span<byte> committedFlips)
    {
        int w = _compiled.Window, buffer = w - _compiled.Commit;
        bool committed = false;
        while (NextRound >= _start + w && _start + w < NumRounds)
        {
            DecodeWindow(_start, _start + w, final: false, _compiled.Commit);
            committed = true;
        }
        // The penultimate round: commit everything that already has a full buffer after it (window
        // [start, R − 1), cut at the last round), so that the decode after the last round covers only
        // buffer + 1 rounds, whatever R mod C is (else up to W rounds).
        if (NextRound == NumRounds - 1 && NumRounds - 1 - _start > buffer)
        {
            DecodeWindow(_start, NumRounds - 1, final: false, NumRounds - 1 - _start - buffer);
            committed = true;
        }
        if (committed)
        {
            WriteFrame(committedFlips);
        }
        if (NextRound == NumRounds - 1 && WindowsDecoded > 1)
        {
            WarmFinalWindow();
        }
        return committed;
    }

    /// <summary>
    /// Latency after the last round: the final window's graph and matcher are used once per shot, so
    /// after thousands of bulk windows their memory is cold (measured: a cold final decode takes several
    /// times a warm one, bench/RESULTS.md). At the penultimate round the final window is fixed: decode it
    /// speculatively with the events received so far and drop the result, so that the real decode after
    /// the last round finds its memory warm. Only for shots that decoded a bulk window (shorter shots
    /// reuse one graph and stay warm).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WarmFinalWindow()
    {
        var key = _compiled.MapWindow(_start, NumRounds, final: true, pastCut: false, out int k);
        int ts = key.First;
        var matcher = Matcher(key, out var window);
        if (!window.EveryComponentReachesBoundary)
        {
            return; // a partial event set might not be matchable there
        }
        long baseDet = _layout.TruncatedRoundStart(ts) + (long)k * _layout.DetectorsPerIteration;
        int n = CollectEvents(baseDet, NumRounds);
        matcher.Decode(_events.AsSpan(0, n), _groups);
        // The commit step reads the window's node-round table: warm it too (the sum only keeps the reads).
        int rounds = 0;
        for (int g = 0; g < _groups.Count; g++)
        {
            rounds += EarliestRound(window, g);
        }
        _warmedRounds = rounds;
    }

    private void WriteFrame(Span<byte> output)
    {
        int bytes = (NumObservables + 7) >> 3;
        for (int i = 0; i < bytes; i++)
        {
            output[i] = (byte)(_frame >> (i << 3));
        }
    }

    private void AddActive(long detector, int round)
    {
        if (_activeCount == _activeDet.Length)
        {
            Array.Resize(ref _activeDet, _activeCount * 2);
            Array.Resize(ref _activeRound, _activeCount * 2);
            Array.Resize(ref _remove, _activeCount * 2);
        }
        _activeDet[_activeCount] = detector;
        _activeRound[_activeCount] = round;
        _remove[_activeCount] = false;
        _activeCount++;
    }

    /// <summary>Decodes full-model rounds [s, e) and commits (at most <paramref name="commit"/> rounds) by the rule in the class summary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeWindow(int s, int e, bool final, int commit)
    {
        var key = _compiled.MapWindow(s, e, final, pastCut: false, out int k);
        var matcher = Matcher(key, out var window);
        long baseDet = _layout.TruncatedRoundStart(key.First) + (long)k * _layout.DetectorsPerIteration;
        int n = CollectEvents(baseDet, e);
        matcher.Decode(_events.AsSpan(0, n), _groups);
        WindowsDecoded++;
        Commit(window, final, commit);
        Compact();
    }

    /// <summary>
    /// Lists the active events of rounds before <paramref name="endRound"/> as window nodes (detector −
    /// <paramref name="baseDet"/>) in <c>_events</c>, with <c>_nodeToActive</c> pointing back; returns how many.
    /// Active events are kept in round order, so the scan stops at the first later one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CollectEvents(long baseDet, int endRound)
    {
        int n = 0;
        for (int i = 0; i < _activeCount && _activeRound[i] < endRound; i++)
        {
            int node = (int)(_activeDet[i] - baseDet);
            if (n == _events.Length)
            {
                Array.Resize(ref _events, n * 2);
            }
            _events[n++] = node;
            _nodeToActive[node] = i;
            _remove[i] = false;
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Commit(CompiledWindow window, bool final, int c)
    {
        ulong keep = window.CutObservable >= 0 ? ~(1UL << window.CutObservable) : ulong.MaxValue;
        // Earliest carried round (relative), and the earliest one after the window start.
        int carried = int.MaxValue, carriedLater = int.MaxValue;
        for (int g = 0; g < _groups.Count; g++)
        {
            int r = EarliestRound(window, g);
            if (!final && _groups.TouchesCut(g) && r < c)
            {
                carried = Math.Min(carried, r);
                if (r > 0)
                {
                    carriedLater = Math.Min(carriedLater, r);
                }
            }
        }
        bool force = carried == 0;
        for (int g = 0; g < _groups.Count; g++)
        {
            int r = EarliestRound(window, g);
            bool commit = final || (r < c && (!_groups.TouchesCut(g) || (force && r == 0)));
            if (!commit)
            {
                continue;
            }
            if (_groups.TouchesCut(g))
            {
                ForcedCommits++;
            }
            _frame ^= _groups.Mask(g) & keep;
            foreach (int node in _groups.Nodes(g))
            {
                _remove[_nodeToActive[node]] = true;
                CommittedEvents++;
            }
        }
        if (final)
        {
            _start = NumRounds;
            return;
        }
        int advance = Math.Min(c, force ? carriedLater : carried);
        _start += advance;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EarliestRound(CompiledWindow window, int g)
    {
        int r = int.MaxValue;
        foreach (int node in _groups.Nodes(g))
        {
            r = Math.Min(r, window.NodeRounds[node]);
        }
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compact()
    {
        int j = 0;
        for (int i = 0; i < _activeCount; i++)
        {
            if (!_remove[i])
            {
                _activeDet[j] = _activeDet[i];
                _activeRound[j] = _activeRound[i];
                _remove[j] = false;
                j++;
            }
            _remove[i] = false;
        }
        _activeCount = j;
    }

    private IWindowMatcher Matcher(WindowKey key, out CompiledWindow window)
    {
        var matcher = _matchers.Get(key, out window);
        if (_nodeToActive.Length < window.TotalNodes)
        {
            Array.Resize(ref _nodeToActive, window.TotalNodes);
        }
        return matcher;
    }
}

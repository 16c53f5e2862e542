using Qec.Core.Decoding.Streaming;

namespace Qec.Matching.Streaming;

/// <summary>
/// One stream's parallel window decoder (Skoric et al., arXiv:2209.08552, §II "parallel window"; Tan et al.,
/// arXiv:2209.09219, "sandwich"). With buffer b = W − C and period P = C + b = W:
/// <list type="bullet">
/// <item>Layer A: window i spans rounds [iP − b, iP + C + b) (clipped to the experiment), a buffer on each side of
/// its commit region [iP, iP + C). It reads the raw events of its rounds and commits every group (whole match or
/// cluster, as <see cref="SlidingWindowDecoder"/>) whose earliest event lies in the commit region and that does not
/// run into the future cut (the last A window has no cut and commits everything from iP on). A windows are mutually
/// independent and run on the worker threads as soon as their last round has arrived.</item>
/// <item>Layer B: window j spans [lo_j, lo_{j+1}) with lo_j = (j − 1)P + ⌈C/2⌉ (lo_0 = 0): the gap between two commit
/// regions plus half of each. It runs once A windows j − 1 and j have committed (the thread that completes the second
/// runs it) and commits every event they left (buffer events, groups carried at a cut, groups reaching into an A
/// window's past buffer), with the cut at its end treated as a boundary. Because A commits only whole groups, its
/// commits leave no artificial defect: B sees exactly the events no committed group explains.</item>
/// </list>
/// Disjointness (why results do not depend on thread timing): A window i marks only events of rounds
/// [iP, (i + 1)P), B window j reads marks only in rounds [lo_j, lo_{j+1}) ⊂ [(j − 1)P, (j + 1)P), written by A windows
/// j − 1 and j, which finished before it started; A windows read no marks. So every window's input is fixed by the
/// shot, and the frame is the XOR of all windows' masks. The pushing thread is one of the <c>threads</c> decoding threads: it decodes a ready window when every
/// worker is busy. threads = 1 through the options runs the sequential decoder instead. Events wait in a ring whose slots are recycled once every window reading them has finished; the
/// pushing thread helps decode while it waits for room and in <see cref="Finish"/>. Steady state allocates nothing.
/// </summary>
public sealed partial class ParallelWindowDecoder : IStreamingDecoder, IDisposable
{
    private readonly SlidingWindowCompiledDecoder _compiled;
    private readonly RoundLayout _layout;
    private readonly int _buffer, _commit, _period, _half, _windowsA;
    private readonly Thread?[] _workers;
    private readonly WindowWorkspace[] _workspaces;
    private readonly int[] _alive; // 1 while worker slot t runs a thread (which alone uses _workspaces[t])
    private readonly WindowWorkspace _own;
    private readonly SemaphoreSlim _wake = new(0);

    // Event ring: global event id g lives in slot g & (capacity − 1).
    private long[] _slotDetector = new long[1024];
    private bool[] _slotCommitted = new bool[1024];
    private readonly long[] _roundFirst; // global id of each round's first event (index NumRounds = end)
    private readonly int[] _roundEvents; // scratch: a packed round's set bits
    private long _written;

    // Per-window state, index i for A window i (0 ≤ i < _windowsA), j for B window j (0 ≤ j ≤ _windowsA).
    private readonly ulong[] _maskA, _maskB;
    private readonly long[] _countA, _countB;
    private readonly int[] _forcedB;
    private readonly int[] _depsB;
    private readonly int[] _doneB;
    private int _readyA;      // A windows whose rounds have all arrived (written by the pusher)
    private int _claimedA;    // A windows claimed by a thread
    private int _completedA;  // A windows finished, with every B window they made ready
    private int _sleeping;    // workers blocked on _wake
    private int _running;     // threads decoding an A window (and the B windows it completes)
    private volatile bool _stop;
    private Exception? _failure;

    private int _cursorB; // B windows (and A windows below it) folded into the frame, in order
    private ulong _frame;

    internal ParallelWindowDecoder(SlidingWindowCompiledDecoder compiled, int threads)
    {
        _compiled = compiled;
        _layout = compiled.Layout;
        _commit = compiled.Commit;
        _buffer = compiled.Window - compiled.Commit;
        _period = _commit + _buffer;
        _half = (_commit + 1) / 2;
        int rounds = _layout.NumRounds;
        _windowsA = (rounds + _period - 1) / _period;
        _roundFirst = new long[rounds + 1];
        _roundEvents = new int[(_layout.MaxRoundSize + 7) & ~7];
        _maskA = new ulong[_windowsA];
        _countA = new long[_windowsA];
        _maskB = new ulong[_windowsA + 1];
        _countB = new long[_windowsA + 1];
        _forcedB = new int[_windowsA + 1];
        _depsB = new int[_windowsA + 1];
        _doneB = new int[_windowsA + 1];
        _own = new WindowWorkspace(compiled);
        ResetWindows();
        // The pushing thread decodes too (when every worker is busy), so threads − 1 workers keep threads cores busy.
        _workers = new Thread?[threads - 1];
        _workspaces = new WindowWorkspace[threads - 1];
        _alive = new int[threads - 1];
        for (int t = 0; t < _workers.Length; t++)
        {
            _workspaces[t] = new WindowWorkspace(compiled);
        }
        StartIdleWorkers();
    }

    /// <summary>
    /// Starts a thread for every worker slot whose thread has exited (workers exit after <see cref="IdleExitMillis"/>
    /// without work, so that an abandoned decoder holds no thread and can be collected).
    /// </summary>
    private void StartIdleWorkers()
    {
        for (int t = 0; t < _workers.Length; t++)
        {
            if (Volatile.Read(ref _alive[t]) == 0 && !_stop)
            {
                int slot = t;
                _alive[t] = 1;
                _workers[t] = new Thread(() => WorkerLoop(slot)) { IsBackground = true, Name = $"qecd-window-{t}" };
                _workers[t]!.Start();
            }
        }
    }

    /// <summary>Threads decoding windows: the worker threads and the pushing thread.</summary>
    public int Threads => _workers.Length + 1;

    /// <inheritdoc/>
    public int NumRounds => _layout.NumRounds;

    /// <inheritdoc/>
    public int NumObservables => _layout.NumObservables;

    /// <inheritdoc/>
    public int NextRound { get; private set; }

    /// <inheritdoc/>
    public int CommittedRounds => _cursorB == 0 ? 0 : EndB(_cursorB - 1);

    /// <inheritdoc/>
    public long CommittedEvents { get; private set; }

    /// <summary>Groups committed by B windows although they ran into the cut (this shot, folded windows only).</summary>
    public int ForcedCommits { get; private set; }

    /// <inheritdoc/>
    public int RoundSize(int round) => _layout.RoundSize(round);

    private int StartA(int i) => StartA(i, _period, _buffer);

    private int EndA(int i) => EndA(i, _period, NumRounds);

    private int StartB(int j) => StartB(j, _period, _half, NumRounds);

    private int EndB(int j) => j == _windowsA ? NumRounds : StartB(j + 1);

    // The schedule's geometry (period P = W, buffer b = W − C, half = ⌈C/2⌉), shared with Schedule.
    private static int StartA(int i, int period, int buffer) => Math.Max(0, i * period - buffer);

    private static int EndA(int i, int period, int rounds) => Math.Min(rounds, (i + 1) * period); // iP + C + b

    private static int StartB(int j, int period, int half, int rounds) => j == 0 ? 0 : Math.Min(rounds, (j - 1) * period + half);

    /// <summary>
    /// Every window of a shot of <paramref name="rounds"/> rounds, as (first round, end round, past cut): the A windows
    /// (their past cut open) and the non-empty B windows, so that the compiled decoder can build their graphs up front.
    /// </summary>
    internal static IEnumerable<(int First, int End, bool PastCut)> Schedule(int rounds, int window, int commit)
    {
        int period = window, buffer = window - commit, half = (commit + 1) / 2, windowsA = (rounds + period - 1) / period;
        for (int i = 0; i < windowsA; i++)
        {
            yield return (StartA(i, period, buffer), EndA(i, period, rounds), true);
        }
        for (int j = 0; j <= windowsA; j++)
        {
            int end = j == windowsA ? rounds : StartB(j + 1, period, half, rounds);
            if (StartB(j, period, half, rounds) < end)
            {
                yield return (StartB(j, period, half, rounds), end, false);
            }
        }
    }

    /// <inheritdoc/>
    public bool PushRound(int round, ReadOnlySpan<byte> detectionEvents, Span<byte> committedFlips)
    {
        StreamChecks.CheckRound(round, NextRound, NumRounds);
        RoundBits.Check(round, _layout.RoundSize(round), detectionEvents);
        CheckOutput(committedFlips);
        int n = RoundBits.SetBits(detectionEvents, _roundEvents);
        return PushChecked(round, _roundEvents.AsSpan(0, n), committedFlips);
    }

    /// <summary>As <see cref="PushRound"/> with the round's events as detector indices within the round, each listed once.</summary>
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
            Append(first + i, round);
        }
        return EndRound(round, committedFlips);
    }

    private bool EndRound(int round, Span<byte> committedFlips)
    {
        NextRound = round + 1;
        _roundFirst[round + 1] = _written;
        Publish();
        if (Volatile.Read(ref _running) >= _workers.Length && Volatile.Read(ref _readyA) - Volatile.Read(ref _claimedA) >= 2)
        {
            // Every worker is busy and a second window waits: decode one here, leaving the other for the first worker
            // to finish (while this thread decodes, it publishes nothing, so a worker would otherwise starve).
            TryRunNextA(_own);
        }
        if (!Fold())
        {
            return false;
        }
        WriteFrame(committedFlips);
        return true;
    }

    /// <inheritdoc/>
    public void Finish(Span<byte> observableFlips)
    {
        StreamChecks.CheckComplete(NextRound, NumRounds);
        CheckOutput(observableFlips);
        var spin = new SpinWait();
        while (Volatile.Read(ref _completedA) < _windowsA)
        {
            if (!TryRunNextA(_own))
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
        Fold();
        ThrowOnFailure();
        WriteFrame(observableFlips);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Quiesce();
        ResetWindows();
        NextRound = 0;
        _written = 0;
        _frame = 0;
        _cursorB = 0;
        CommittedEvents = 0;
        ForcedCommits = 0;
        _failure = null;
        Volatile.Write(ref _claimedA, 0);
    }

    /// <summary>Stops the worker threads (the decoder cannot be used afterwards).</summary>
    public void Dispose()
    {
        Quiesce();
        _stop = true;
        if (_workers.Length > 0)
        {
            _wake.Release(_workers.Length);
        }
        foreach (var t in _workers)
        {
            t?.Join();
        }
        _wake.Dispose();
    }

    /// <summary>Stops new claims and waits for the claimed A windows (and the B windows they run) to finish.</summary>
    private void Quiesce()
    {
        int claimed = Interlocked.Exchange(ref _claimedA, int.MaxValue / 2);
        claimed = Math.Min(claimed, Volatile.Read(ref _readyA));
        var spin = new SpinWait();
        while (Volatile.Read(ref _completedA) < claimed)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
        Volatile.Write(ref _readyA, 0);
    }

    private void ResetWindows()
    {
        Array.Clear(_doneB);
        for (int j = 0; j <= _windowsA; j++)
        {
            _depsB[j] = (j > 0 ? 1 : 0) + (j < _windowsA ? 1 : 0);
        }
        _completedA = 0;
        _roundFirst[0] = 0;
    }

    private void CheckOutput(Span<byte> output)
    {
        int bytes = (NumObservables + 7) >> 3;
        if (output.Length < bytes)
        {
            throw new ArgumentException($"observable output needs {bytes} bytes for {NumObservables} observables, got {output.Length}");
        }
    }

    private void WriteFrame(Span<byte> output)
    {
        int bytes = (NumObservables + 7) >> 3;
        for (int i = 0; i < bytes; i++)
        {
            output[i] = (byte)(_frame >> (i << 3));
        }
    }

    private void ThrowOnFailure()
    {
        if (_failure is { } e)
        {
            throw new InvalidOperationException("a parallel window failed to decode", e);
        }
    }
}

namespace Qec.Matching.Streaming;

/// <summary>The window layer of <see cref="ParallelWindowDecoder"/>: the event ring, claiming, decoding and committing windows.</summary>
public sealed partial class ParallelWindowDecoder
{
    /// <summary>Spins (≈ µs each, no sleep) a worker makes before it blocks on the wake-up semaphore.</summary>
    private const int SpinsBeforeSleep = 200;

    /// <summary>A worker blocked this long without work exits (the pusher restarts it with the next window).</summary>
    private const int IdleExitMillis = 2000;

    /// <summary>Adds one event of round <paramref name="round"/> to the ring, making room first if it is full.</summary>
    private void Append(long detector, int round)
    {
        while (_written - FirstLiveEvent(round) >= _slotDetector.Length)
        {
            MakeRoom(round);
        }
        int slot = (int)(_written & (_slotDetector.Length - 1));
        _slotDetector[slot] = detector;
        _slotCommitted[slot] = false;
        _written++;
    }

    /// <summary>
    /// The first event some unfinished window may still read: windows below the fold cursor are done; the next ones
    /// read from the start of B window <c>_cursorB</c> or A window <c>_cursorB</c>, whichever is earlier.
    /// </summary>
    private long FirstLiveEvent(int currentRound)
    {
        int k = _cursorB, first = currentRound;
        if (k <= _windowsA)
        {
            first = Math.Min(first, StartB(k));
        }
        if (k < _windowsA)
        {
            first = Math.Min(first, StartA(k));
        }
        return _roundFirst[first];
    }

    /// <summary>
    /// The ring is full: fold finished windows, help decode, and when every published window is done (no thread reads
    /// the ring) and it is still full, double it (warm-up only: the backlog of a stream that keeps up is bounded).
    /// </summary>
    private void MakeRoom(int round)
    {
        Fold();
        if (_written - FirstLiveEvent(round) < _slotDetector.Length || TryRunNextA(_own))
        {
            return;
        }
        if (Volatile.Read(ref _completedA) < Volatile.Read(ref _readyA))
        {
            Thread.SpinWait(20);
            return;
        }
        int capacity = _slotDetector.Length * 2;
        var detectors = new long[capacity];
        var committed = new bool[capacity];
        for (long g = FirstLiveEvent(round); g < _written; g++)
        {
            int from = (int)(g & (_slotDetector.Length - 1)), to = (int)(g & (capacity - 1));
            detectors[to] = _slotDetector[from];
            committed[to] = _slotCommitted[from];
        }
        _slotDetector = detectors;
        _slotCommitted = committed;
    }

    /// <summary>Publishes every A window whose last round has arrived and wakes one sleeping worker per window.</summary>
    private void Publish()
    {
        while (_readyA < _windowsA && EndA(_readyA) <= NextRound)
        {
            StartIdleWorkers();
            Interlocked.Increment(ref _readyA);
            int s = Volatile.Read(ref _sleeping);
            while (s > 0)
            {
                int seen = Interlocked.CompareExchange(ref _sleeping, s - 1, s);
                if (seen == s)
                {
                    _wake.Release();
                    break;
                }
                s = seen;
            }
        }
    }

    /// <summary>Folds finished windows into the frame, in window order; true when any was folded.</summary>
    private bool Fold()
    {
        ThrowOnFailure();
        bool any = false;
        while (_cursorB <= _windowsA && Volatile.Read(ref _doneB[_cursorB]) != 0)
        {
            int k = _cursorB;
            _frame ^= _maskB[k];
            CommittedEvents += _countB[k];
            ForcedCommits += _forcedB[k];
            if (k < _windowsA)
            {
                // B window k depends on A window k, so A window k is done too.
                _frame ^= _maskA[k];
                CommittedEvents += _countA[k];
            }
            _cursorB++;
            any = true;
        }
        return any;
    }

    private void WorkerLoop(int slot)
    {
        var workspace = _workspaces[slot];
        var spin = new SpinWait();
        while (!_stop)
        {
            if (TryRunNextA(workspace))
            {
                spin.Reset();
                continue;
            }
            if (spin.Count < SpinsBeforeSleep)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Interlocked.Increment(ref _sleeping);
            bool workArrived = Volatile.Read(ref _claimedA) < Volatile.Read(ref _readyA) || _stop;
            if (workArrived || !_wake.Wait(IdleExitMillis))
            {
                // Take the sleep back, unless the pusher already counted it (then its release is ours to consume).
                if (!TryUndoSleep())
                {
                    _wake.Wait();
                }
                else if (!workArrived)
                {
                    Volatile.Write(ref _alive[slot], 0);
                    return;
                }
            }
            spin.Reset();
        }
        Volatile.Write(ref _alive[slot], 0);
    }

    private bool TryUndoSleep()
    {
        int s = Volatile.Read(ref _sleeping);
        while (s > 0)
        {
            int seen = Interlocked.CompareExchange(ref _sleeping, s - 1, s);
            if (seen == s)
            {
                return true;
            }
            s = seen;
        }
        return false;
    }

    /// <summary>
    /// Claims and decodes the next published A window, then every B window it completes the dependencies of; true
    /// when there was one to claim (or a race to retry), false when none is published.
    /// </summary>
    private bool TryRunNextA(WindowWorkspace workspace)
    {
        int i = Volatile.Read(ref _claimedA);
        if (i >= Volatile.Read(ref _readyA))
        {
            return false;
        }
        if (Interlocked.CompareExchange(ref _claimedA, i + 1, i) != i)
        {
            return true;
        }
        Interlocked.Increment(ref _running);
        try
        {
            DecodeA(i, workspace);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        for (int j = i; j <= i + 1; j++)
        {
            if (Interlocked.Decrement(ref _depsB[j]) == 0)
            {
                try
                {
                    DecodeB(j, workspace);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, e, null);
                }
                Volatile.Write(ref _doneB[j], 1);
            }
        }
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref _completedA);
        return true;
    }

    /// <summary>
    /// A window i: commits the groups whose earliest event is in [iP, iP + C) and that stay off the cuts (its past is cut
    /// open too, <see cref="Qec.Core.Decoding.Streaming.WindowModel"/>: a group reaching it stays for the B window).
    /// </summary>
    private void DecodeA(int i, WindowWorkspace ws)
    {
        int s = StartA(i), e = EndA(i);
        bool final = e == NumRounds;
        var matcher = ws.Matcher(s, e, final, pastCut: true, out var window, out long baseDetector);
        int n = Collect(ws, s, e, baseDetector, skipCommitted: false);
        matcher.Decode(ws.Events.AsSpan(0, n), ws.Groups);
        int commitFirst = i * _period - s, commitEnd = commitFirst + _commit;
        ulong keep = window.CutObservable >= 0 ? ~(1UL << window.CutObservable) : ulong.MaxValue;
        var committed = _slotCommitted;
        ulong mask = 0;
        long count = 0;
        var groups = ws.Groups;
        for (int g = 0; g < groups.Count; g++)
        {
            int r = ws.EarliestRound(window, g);
            if (r < commitFirst || (!final && (r >= commitEnd || groups.TouchesCut(g))))
            {
                continue;
            }
            mask ^= groups.Mask(g) & keep;
            foreach (int node in groups.Nodes(g))
            {
                committed[ws.NodeToSlot[node]] = true;
                count++;
            }
        }
        _maskA[i] = mask;
        _countA[i] = count;
    }

    /// <summary>B window j: commits every event the A windows left in its rounds (the cut counts as a boundary).</summary>
    private void DecodeB(int j, WindowWorkspace ws)
    {
        int lo = StartB(j), hi = EndB(j);
        ulong mask = 0;
        long count = 0;
        int forced = 0;
        if (lo < hi)
        {
            var matcher = ws.Matcher(lo, hi, hi == NumRounds, pastCut: false, out var window, out long baseDetector);
            int n = Collect(ws, lo, hi, baseDetector, skipCommitted: true);
            if (n > 0)
            {
                matcher.Decode(ws.Events.AsSpan(0, n), ws.Groups);
                ulong keep = window.CutObservable >= 0 ? ~(1UL << window.CutObservable) : ulong.MaxValue;
                var groups = ws.Groups;
                for (int g = 0; g < groups.Count; g++)
                {
                    mask ^= groups.Mask(g) & keep;
                    count += groups.Nodes(g).Length;
                    forced += groups.TouchesCut(g) ? 1 : 0;
                }
            }
        }
        _maskB[j] = mask;
        _countB[j] = count;
        _forcedB[j] = forced;
    }

    /// <summary>
    /// Lists the events of rounds [s, e) (without those already committed when <paramref name="skipCommitted"/>) as
    /// window nodes in the workspace, with their ring slots; returns how many.
    /// </summary>
    private int Collect(WindowWorkspace ws, int s, int e, long baseDetector, bool skipCommitted)
    {
        var detectors = _slotDetector;
        var committed = _slotCommitted;
        int ringMask = detectors.Length - 1;
        long to = _roundFirst[e];
        int n = 0;
        for (long g = _roundFirst[s]; g < to; g++)
        {
            int slot = (int)(g & ringMask);
            if (skipCommitted && committed[slot])
            {
                continue;
            }
            int node = (int)(detectors[slot] - baseDetector);
            if (n == ws.Events.Length)
            {
                Array.Resize(ref ws.Events, n * 2);
            }
            ws.Events[n++] = node;
            ws.NodeToSlot[node] = slot;
        }
        return n;
    }
}

namespace Qec.Matching.Mwpm.Tracker;

/// <summary>
/// Keeps at least (ideally exactly) one "look at me" event in the queue for one node or region
/// (PyMatching's <c>QueuedEventTracker</c>): a new desire is enqueued only if nothing is queued or
/// it is earlier than what is queued; a dequeued event is processed only if it is the one queued
/// last and matches the current desire, and re-queued if the desire moved later. No decrease-key,
/// no deletion. Mutable struct: always use it in place (array element or field), never a copy.
/// </summary>
internal struct QueuedEventTracker
{
    private uint _desiredTime;
    private uint _queuedTime;
    private bool _hasDesired;
    private bool _hasQueued;

    /// <summary>Back to idle.</summary>
    public void Clear() => this = default;

    /// <summary>True when nothing is queued and nothing desired.</summary>
    public readonly bool IsIdle => !_hasDesired && !_hasQueued;

    /// <summary>Asks to look at the target at <paramref name="ev"/>'s time, enqueuing only if needed.</summary>
    public void SetDesiredEvent(FloodCheckEvent ev, RadixHeapQueue queue)
    {
        _hasDesired = true;
        _desiredTime = ev.Time;
        if (!_hasQueued || CyclicTime.Greater(_queuedTime, ev.Time))
        {
            _queuedTime = ev.Time;
            _hasQueued = true;
            queue.Enqueue(ev);
        }
    }

    /// <summary>No look is needed any more (a queued one will be discarded when it surfaces).</summary>
    public void SetNoDesiredEvent() => _hasDesired = false;

    /// <summary>Whether a dequeued event should be processed; re-queues a deferred later desire.</summary>
    public bool DequeueDecision(FloodCheckEvent ev, RadixHeapQueue queue)
    {
        // Only the event queued last is valid; stale ones would cause event storms.
        if (!_hasQueued || ev.Time != _queuedTime)
        {
            return false;
        }
        _hasQueued = false;
        if (!_hasDesired)
        {
            return false;
        }
        if (ev.Time != _desiredTime)
        {
            _hasQueued = true;
            _queuedTime = _desiredTime;
            queue.Enqueue(ev.At(_desiredTime));
            return false;
        }
        _hasDesired = false;
        return true;
    }
}

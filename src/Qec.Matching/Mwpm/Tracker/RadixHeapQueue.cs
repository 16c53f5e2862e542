using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qec.Matching.Mwpm.Tracker;

/// <summary>
/// Monotone integer priority queue of <see cref="FloodCheckEvent"/>s (a radix heap; paper §4.2,
/// PyMatching's <c>radix_heap_queue</c>). Bucket b holds events whose time differs from the current
/// time first at bit b−1 (bucket 0: exactly now). Dequeue pops from bucket 0 (LIFO, which fixes
/// tie order); when bucket 0 is empty the time advances to the minimum of the lowest non-empty
/// bucket, which is then redistributed. Invariant: no event is ever enqueued before the present.
/// Buckets are reused arrays: no allocation once they have grown to the working size.
/// Bucket 0 (events due now: most pushes and every pop) is a field of its own so that the hot path
/// touches no jagged array; the other buckets are indexed without bounds checks, since a bucket
/// index is 32 − lzcnt(x) ∈ 1..32 for x ≠ 0 and the count array has 33 entries.
/// </summary>
internal sealed class RadixHeapQueue
{
    private const int NumBuckets = 33;
    private readonly FloodCheckEvent[][] _buckets = new FloodCheckEvent[NumBuckets][]; // [0] unused: see _now
    private readonly int[] _counts = new int[NumBuckets]; // [0] unused: see _nowCount
    private FloodCheckEvent[] _now = new FloodCheckEvent[64];
    private int _nowCount;
    private ulong _nonEmpty; // bit b (b ≥ 1) set iff bucket b holds events
    private int _size;

    public RadixHeapQueue()
    {
        for (int b = 1; b < NumBuckets; b++)
        {
            _buckets[b] = new FloodCheckEvent[16];
        }
    }

    /// <summary>The present (absolute) time: that of the last dequeued event.</summary>
    public long CurrentTime { get; set; }

    /// <summary>Number of events queued (stale ones included).</summary>
    public int Count => _size;

    /// <summary>True when nothing is queued.</summary>
    public bool IsEmpty => _size == 0;

    /// <summary>Adds an event; its time must not be cyclically before <see cref="CurrentTime"/>.</summary>
    public void Enqueue(FloodCheckEvent ev)
    {
        uint differing = ev.Time ^ unchecked((uint)CurrentTime);
        if (differing == 0)
        {
            PushNow(ev);
        }
        else
        {
            Push(32 - BitOperations.LeadingZeroCount(differing), ev);
        }
        _size++;
    }

    /// <summary>Removes the earliest event (LIFO among equal times); false when the queue is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out FloodCheckEvent ev)
    {
        if (_size == 0)
        {
            ev = default;
            return false;
        }
        if (_nowCount == 0)
        {
            Refill();
        }
        _size--;
        // _nowCount ≤ _now.Length: PushNow grows the array before writing.
        ev = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_now), --_nowCount);
        return true;
    }

    /// <summary>Drops every queued event (time unchanged).</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _nowCount = 0;
        _nonEmpty = 0;
        _size = 0;
    }

    private void PushNow(FloodCheckEvent ev)
    {
        int n = _nowCount;
        if (n == _now.Length)
        {
            Array.Resize(ref _now, n * 2);
        }
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_now), n) = ev;
        _nowCount = n + 1;
    }

    /// <summary>Appends to bucket <paramref name="b"/> ∈ 1..32.</summary>
    private void Push(int b, FloodCheckEvent ev)
    {
        ref int count = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), b);
        ref FloodCheckEvent[] bucket = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buckets), b);
        int n = count;
        if (n == bucket.Length)
        {
            Array.Resize(ref bucket, n * 2);
        }
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), n) = ev;
        count = n + 1;
        _nonEmpty |= 1UL << b;
    }

    /// <summary>Bucket 0 is empty and the queue is not: advance the time and redistribute the lowest bucket.</summary>
    private void Refill()
    {
        int b = BitOperations.TrailingZeroCount(_nonEmpty);
        _nonEmpty &= ~(1UL << b);
        var source = _buckets[b];
        int n = _counts[b];
        _counts[b] = 0;
        if (b == 1)
        {
            // Every event in bucket 1 is at exactly now + 1: move them in order (no array swap, so
            // each bucket keeps its own capacity and warm-up converges).
            if (_now.Length < n)
            {
                Array.Resize(ref _now, Math.Max(n, _now.Length * 2));
            }
            Array.Copy(source, _now, n);
            _nowCount = n;
            CurrentTime++;
            return;
        }
        // Events of one bucket share every bit above b−1, so a plain unsigned minimum is the cyclic one.
        uint min = source[0].Time;
        for (int k = 1; k < n; k++)
        {
            if (source[k].Time < min)
            {
                min = source[k].Time;
            }
        }
        CurrentTime = CyclicTime.Widen(min, CurrentTime);
        uint now = unchecked((uint)CurrentTime);
        for (int k = 0; k < n; k++)
        {
            // Each event lands in a strictly lower bucket, so the source array is not written meanwhile.
            var ev = source[k];
            uint differing = ev.Time ^ now;
            if (differing == 0)
            {
                PushNow(ev);
            }
            else
            {
                Push(32 - BitOperations.LeadingZeroCount(differing), ev);
            }
        }
    }
}

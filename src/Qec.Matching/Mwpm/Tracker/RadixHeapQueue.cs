using System.Numerics;

namespace Qec.Matching.Mwpm.Tracker;

/// <summary>
/// Monotone integer priority queue of <see cref="FloodCheckEvent"/>s (a radix heap; paper §4.2,
/// PyMatching's <c>radix_heap_queue</c>). Bucket b holds events whose time differs from the current
/// time first at bit b−1 (bucket 0: exactly now). Dequeue pops from bucket 0 (LIFO, which fixes
/// tie order); when bucket 0 is empty the time advances to the minimum of the lowest non-empty
/// bucket, which is then redistributed. Invariant: no event is ever enqueued before the present.
/// Buckets are reused arrays: no allocation once they have grown to the working size.
/// </summary>
internal sealed class RadixHeapQueue
{
    private const int NumBuckets = 33;
    private readonly FloodCheckEvent[][] _buckets = new FloodCheckEvent[NumBuckets][];
    private readonly int[] _counts = new int[NumBuckets];
    private ulong _nonEmpty; // bit b set iff bucket b holds events
    private int _size;

    public RadixHeapQueue()
    {
        for (int b = 0; b < NumBuckets; b++)
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
        int b = BucketFor(ev.Time);
        Push(b, ev);
        _size++;
    }

    /// <summary>Removes the earliest event (LIFO among equal times); false when the queue is empty.</summary>
    public bool TryDequeue(out FloodCheckEvent ev)
    {
        if (_size == 0)
        {
            ev = default;
            return false;
        }
        if (_counts[0] == 0)
        {
            Refill();
        }
        _size--;
        int n = --_counts[0];
        ev = _buckets[0][n];
        if (n == 0)
        {
            _nonEmpty &= ~1UL;
        }
        return true;
    }

    /// <summary>Drops every queued event (time unchanged).</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _nonEmpty = 0;
        _size = 0;
    }

    private int BucketFor(uint time) => 32 - BitOperations.LeadingZeroCount(time ^ unchecked((uint)CurrentTime));

    private void Push(int b, FloodCheckEvent ev)
    {
        var bucket = _buckets[b];
        int n = _counts[b];
        if (n == bucket.Length)
        {
            Array.Resize(ref _buckets[b], n * 2);
            bucket = _buckets[b];
        }
        bucket[n] = ev;
        _counts[b] = n + 1;
        _nonEmpty |= 1UL << b;
    }

    private void Refill()
    {
        int b = BitOperations.TrailingZeroCount(_nonEmpty);
        _nonEmpty &= ~(1UL << b);
        var source = _buckets[b];
        if (b == 1)
        {
            // Every event in bucket 1 is at exactly now + 1: move them in order (no array swap, so
            // each bucket keeps its own capacity and warm-up converges).
            int m = _counts[1];
            if (_buckets[0].Length < m)
            {
                Array.Resize(ref _buckets[0], Math.Max(m, _buckets[0].Length * 2));
            }
            Array.Copy(source, _buckets[0], m);
            _counts[0] = m;
            _counts[1] = 0;
            _nonEmpty |= 1;
            CurrentTime++;
            return;
        }
        int n = _counts[b];
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
        _counts[b] = 0;
        for (int k = 0; k < n; k++)
        {
            // Each event lands in a strictly lower bucket, so the source array is not written meanwhile.
            Push(BucketFor(source[k].Time), source[k]);
        }
    }
}

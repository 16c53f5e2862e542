using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Mwpm.Tracker;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>The timeline layer against simple oracles: a sorted list, exact arithmetic.</summary>
public sealed class TrackerTests
{
    [Theory]
    [InlineData(1, 1000, 50)]
    [InlineData(2, 5000, 1 << 20)]
    [InlineData(3, 3000, 3)]
    public void RadixHeapPopsInTimeOrderLifoOnTies(int seed, int operations, int spread)
    {
        var rng = new Random(seed);
        var queue = new RadixHeapQueue();
        var oracle = new List<(long Time, int Seq)>();
        int seq = 0;
        long now = 0;
        for (int op = 0; op < operations; op++)
        {
            if (oracle.Count == 0 || rng.Next(3) != 0)
            {
                long t = now + rng.Next(spread);
                queue.Enqueue(new FloodCheckEvent(seq, unchecked((uint)t)));
                oracle.Add((t, seq++));
                continue;
            }
            Assert.True(queue.TryDequeue(out var ev));
            long minTime = oracle.Min(x => x.Time);
            Assert.Equal(minTime, queue.CurrentTime);
            Assert.Equal(unchecked((uint)minTime), ev.Time);
            int k = oracle.FindIndex(x => x.Seq == ev.Target);
            Assert.Equal(minTime, oracle[k].Time);
            oracle.RemoveAt(k);
            now = minTime;
        }
        Assert.Equal(oracle.Count, queue.Count);
    }

    [Fact]
    public void RadixHeapBreaksTiesLastInFirstOut()
    {
        var queue = new RadixHeapQueue();
        queue.Enqueue(new FloodCheckEvent(1, 0));
        queue.Enqueue(new FloodCheckEvent(2, 0));
        Assert.True(queue.TryDequeue(out var a));
        Assert.Equal(2, a.Target);
        Assert.True(queue.TryDequeue(out var b));
        Assert.Equal(1, b.Target);
        Assert.False(queue.TryDequeue(out _));
    }

    [Theory]
    [InlineData(0u, 0L, 0L)]
    [InlineData(5u, 3L, 5L)]
    [InlineData(0xFFFF_FFFFu, 1L << 32, (1L << 32) - 1)]
    [InlineData(2u, (1L << 32) - 1, (1L << 32) + 2)]
    public void CyclicTimeWidensToTheNearestAbsoluteTime(uint value, long reference, long expected) =>
        Assert.Equal(expected, CyclicTime.Widen(value, reference));

    [Fact]
    public void TrackerProcessesOnlyTheLatestDesire()
    {
        var queue = new RadixHeapQueue();
        var tracker = new QueuedEventTracker();
        tracker.SetDesiredEvent(new FloodCheckEvent(7, 10), queue);
        tracker.SetDesiredEvent(new FloodCheckEvent(7, 4), queue); // earlier: enqueued again
        tracker.SetDesiredEvent(new FloodCheckEvent(7, 6), queue); // later than queued 4: deferred
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal(4u, first.Time);
        Assert.False(tracker.DequeueDecision(first, queue)); // desire moved to 6: re-queued
        Assert.True(queue.TryDequeue(out var second));
        Assert.Equal(6u, second.Time);
        Assert.True(tracker.DequeueDecision(second, queue));
        Assert.True(queue.TryDequeue(out var stale));
        Assert.Equal(10u, stale.Time);
        Assert.False(tracker.DequeueDecision(stale, queue));
        Assert.True(tracker.IsIdle);
    }

    [Fact]
    public void VaryingKeepsTheRadiusContinuousAcrossSlopeChanges()
    {
        var v = new Varying(1); // growing from 0 at time 0
        Assert.Equal(7, v.At(7));
        v = v.ThenShrinkingAt(7);
        Assert.Equal(7, v.At(7));
        Assert.Equal(4, v.At(10));
        Assert.Equal(14, v.TimeOfXInterceptForShrinking);
        v = v.ThenFrozenAt(10);
        Assert.True(v.IsFrozen);
        Assert.Equal(4, v.At(1000));
        v = v.ThenGrowingAt(20);
        Assert.Equal(9, v.At(25));
        Assert.Equal(12, v.Plus(3).At(25));
        Assert.Equal(0, Varying.GrowingFromZeroAt(30).At(30));
    }
}

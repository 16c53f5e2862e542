using System.Diagnostics;

namespace Qec.Server.Load;

/// <summary>
/// When each message of a stream should leave. Without a rate: now. With a rate: message m is due
/// at start + m·(shots per message)/rate, and its latency is measured from that due time, not from
/// when it actually left, so a sender that falls behind shows up as latency (no coordinated omission).
/// </summary>
internal sealed class Pacer
{
    private readonly double _ticksPerMessage;
    private long _start;

    public Pacer(double shotsPerSecond, int shotsPerMessage) =>
        _ticksPerMessage = shotsPerSecond > 0 ? Stopwatch.Frequency * shotsPerMessage / shotsPerSecond : 0;

    /// <summary>Starts the schedule now.</summary>
    public void Start() => _start = Stopwatch.GetTimestamp();

    /// <summary>Waits until message <paramref name="m"/> (counted from <see cref="Start"/>) is due; returns its send timestamp.</summary>
    public long WaitFor(long m)
    {
        if (_ticksPerMessage == 0)
        {
            return Stopwatch.GetTimestamp();
        }
        long due = _start + (long)(m * _ticksPerMessage);
        long now;
        // Sleep while more than 2 ms away, yield the core to other ready threads while more than
        // 20 µs away, spin the rest: precise enough, and the client does not take a whole core
        // from the server it measures on a small machine.
        while ((now = Stopwatch.GetTimestamp()) < due)
        {
            long left = due - now;
            if (left > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else if (left > Stopwatch.Frequency / 50_000)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
        return due;
    }
}

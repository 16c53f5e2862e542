using System.Diagnostics;

namespace Qec.Server.Load;

/// <summary>
/// Which messages a stream sends and which it measures: warm-up messages first (not recorded),
/// then either a fixed number of measured messages or as many as fit in the duration.
/// </summary>
internal sealed class MessagePlan
{
    private readonly long _warmup;
    private readonly long _measured;
    private readonly long _durationTicks;
    private long _measureStart;

    public MessagePlan(LoadSettings settings)
    {
        int k = settings.ShotsPerMessage;
        _warmup = (settings.WarmupShots + k - 1) / k;
        _measured = settings.Duration is null ? (settings.ShotsPerStream + k - 1) / k : long.MaxValue;
        _durationTicks = settings.Duration is { } d ? (long)(d.TotalSeconds * Stopwatch.Frequency) : 0;
    }

    /// <summary>Messages a count-based run sends after warm-up (an estimate for duration runs).</summary>
    public long ExpectedMessages => _measured == long.MaxValue ? 1 << 16 : _measured;

    /// <summary>True while message <paramref name="m"/> should still be sent (called by the sender only).</summary>
    public bool ShouldSend(long m, StreamRecord record)
    {
        if (m == _warmup)
        {
            _measureStart = Stopwatch.GetTimestamp();
        }
        if (_durationTicks > 0)
        {
            return m < _warmup || Stopwatch.GetTimestamp() - _measureStart < _durationTicks;
        }
        return m < _warmup + _measured;
    }

    /// <summary>True for messages after warm-up.</summary>
    public bool IsMeasured(long m) => m >= _warmup;

    /// <summary>True for the first measured message.</summary>
    public bool IsFirstMeasured(long m) => m == _warmup;
}

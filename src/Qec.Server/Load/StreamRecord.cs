using System.Diagnostics;

namespace Qec.Server.Load;

/// <summary>
/// What one stream measured: one latency sample per message (send → its last correction
/// received, Stopwatch ticks), the server's decoder time per shot (ns), shots, logical errors, and
/// the measured interval. Filled by one thread (the receiver); preallocated when the count is known.
/// </summary>
public sealed class StreamRecord
{
    private long[] _latency;
    private long[] _decoderNs;

    /// <summary>A record expecting about <paramref name="messages"/> messages of <paramref name="shotsPerMessage"/> shots.</summary>
    public StreamRecord(long messages, int shotsPerMessage)
    {
        int capacity = (int)Math.Clamp(messages, 16, 1 << 26);
        _latency = new long[capacity];
        _decoderNs = new long[Math.Clamp((long)capacity * shotsPerMessage, 16, 1 << 27)];
    }

    /// <summary>Latency samples recorded.</summary>
    public int Messages { get; private set; }

    /// <summary>Decoder-time samples recorded.</summary>
    public int DecoderSamples { get; private set; }

    /// <summary>Shots answered in the measured part.</summary>
    public long Shots { get; set; }

    /// <summary>Predictions that differ from the truth.</summary>
    public long LogicalErrors { get; set; }

    /// <summary>Stream round mode: rounds sent of the measured shots.</summary>
    public long Rounds { get; set; }

    /// <summary>Stream round mode with early corrections: partial corrections received for the measured shots.</summary>
    public long EarlyCorrections { get; set; }

    /// <summary>Start of the measured part (Stopwatch timestamp).</summary>
    public long StartTimestamp { get; set; }

    /// <summary>End of the measured part (Stopwatch timestamp).</summary>
    public long EndTimestamp { get; set; }

    /// <summary>Latency samples, in recording order.</summary>
    public ReadOnlySpan<long> LatencyTicks => _latency.AsSpan(0, Messages);

    /// <summary>Decoder times, ns.</summary>
    public ReadOnlySpan<long> DecoderNs => _decoderNs.AsSpan(0, DecoderSamples);

    /// <summary>Records one message's latency.</summary>
    public void Latency(long ticks)
    {
        if (Messages == _latency.Length)
        {
            Array.Resize(ref _latency, _latency.Length * 2);
        }
        _latency[Messages++] = ticks;
    }

    /// <summary>Records one shot's decoder time.</summary>
    public void Decoder(long ns)
    {
        if (DecoderSamples == _decoderNs.Length)
        {
            Array.Resize(ref _decoderNs, _decoderNs.Length * 2);
        }
        _decoderNs[DecoderSamples++] = ns;
    }

    /// <summary>Measured wall time.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp, EndTimestamp);
}

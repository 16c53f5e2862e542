using System.Diagnostics;

namespace Qec.Server.Load;

/// <summary>Everything one run measured, merged over its streams.</summary>
public sealed class LoadResult
{
    private LoadResult(LoadTarget target, LoadSettings settings, long[] latencyTicks, long[] decoderNs, long shots, long logicalErrors,
        TimeSpan elapsed, double firstDecileP50, double lastDecileP50, long rounds, long earlyCorrections)
    {
        Rounds = rounds;
        EarlyCorrections = earlyCorrections;
        Target = target;
        Settings = settings;
        LatencyMicros = Percentiles.Of(latencyTicks, 1e6 / Stopwatch.Frequency);
        DecoderMicros = Percentiles.Of(decoderNs, 1e-3);
        Shots = shots;
        LogicalErrors = logicalErrors;
        Elapsed = elapsed;
        FirstDecileP50Micros = firstDecileP50;
        LastDecileP50Micros = lastDecileP50;
        SortedLatencyMicros = ToMicros(latencyTicks);
    }

    /// <summary>Where it ran.</summary>
    public LoadTarget Target { get; }

    /// <summary>What it did.</summary>
    public LoadSettings Settings { get; }

    /// <summary>End-to-end latency per message, µs.</summary>
    public Percentiles LatencyMicros { get; }

    /// <summary>Server-side decoder time per shot, µs (empty for echo).</summary>
    public Percentiles DecoderMicros { get; }

    /// <summary>Every latency sample, µs, ascending (for histograms).</summary>
    public double[] SortedLatencyMicros { get; }

    /// <summary>Measured shots over all streams.</summary>
    public long Shots { get; }

    /// <summary>Predictions that differ from the sampled truth.</summary>
    public long LogicalErrors { get; }

    /// <summary>Stream round mode: rounds sent of the measured shots, over all streams (0 otherwise).</summary>
    public long Rounds { get; }

    /// <summary>Stream round mode with early corrections: partial corrections received for the measured shots.</summary>
    public long EarlyCorrections { get; }

    /// <summary>Longest measured interval of any stream.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Shots per second over all streams.</summary>
    public double ShotsPerSecond => Elapsed > TimeSpan.Zero ? Shots / Elapsed.TotalSeconds : 0;

    /// <summary>Median latency of the first tenth of each stream's messages, µs.</summary>
    public double FirstDecileP50Micros { get; }

    /// <summary>Median latency of the last tenth: much larger than the first means a growing backlog.</summary>
    public double LastDecileP50Micros { get; }

    internal static LoadResult From(LoadTarget target, LoadSettings settings, StreamRecord[] records)
    {
        long samples = 0, decoderSamples = 0, shots = 0, errors = 0, rounds = 0, early = 0;
        var elapsed = TimeSpan.Zero;
        foreach (var r in records)
        {
            samples += r.Messages;
            decoderSamples += r.DecoderSamples;
            shots += r.Shots;
            errors += r.LogicalErrors;
            rounds += r.Rounds;
            early += r.EarlyCorrections;
            elapsed = r.Elapsed > elapsed ? r.Elapsed : elapsed;
        }
        var latency = new long[samples];
        var decoder = new long[decoderSamples];
        var first = new List<long>();
        var last = new List<long>();
        int at = 0, dat = 0;
        foreach (var r in records)
        {
            r.LatencyTicks.CopyTo(latency.AsSpan(at));
            r.DecoderNs.CopyTo(decoder.AsSpan(dat));
            at += r.Messages;
            dat += r.DecoderSamples;
            int tenth = Math.Max(1, r.Messages / 10);
            if (r.Messages > 0)
            {
                first.AddRange(r.LatencyTicks[..Math.Min(tenth, r.Messages)]);
                last.AddRange(r.LatencyTicks[Math.Max(0, r.Messages - tenth)..]);
            }
        }
        double scale = 1e6 / Stopwatch.Frequency;
        return new LoadResult(target, settings, latency, decoder, shots, errors, elapsed,
            Percentiles.Of([.. first], scale).P50, Percentiles.Of([.. last], scale).P50, rounds, early);
    }

    private static double[] ToMicros(long[] sortedTicks)
    {
        var micros = new double[sortedTicks.Length];
        double scale = 1e6 / Stopwatch.Frequency;
        for (int i = 0; i < micros.Length; i++)
        {
            micros[i] = sortedTicks[i] * scale;
        }
        return micros;
    }
}

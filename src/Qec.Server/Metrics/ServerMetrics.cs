using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Qec.Server.Metrics;

/// <summary>Which way shots came in.</summary>
public enum IngestPath
{
    /// <summary>The gRPC Decode stream.</summary>
    Grpc,

    /// <summary>The unary DecodeBatch call.</summary>
    Batch,

    /// <summary>The raw length-prefixed frame path.</summary>
    Raw,
}

/// <summary>
/// The server's counters, kept twice on purpose: plain interlocked fields for GetStats (exact,
/// readable without a metrics pipeline) and OpenTelemetry instruments on the meter
/// <see cref="MeterName"/> for Prometheus. Recording allocates nothing (tags are preallocated).
/// Durations are in seconds, as OpenTelemetry's semantic conventions ask.
/// </summary>
public sealed class ServerMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Qec.Server";

    // Bucket edges from 1 µs to 100 ms, about four per decade: the range a decoder lives in.
    private static readonly double[] LatencyBuckets =
    [
        1e-6, 2e-6, 5e-6, 10e-6, 20e-6, 35e-6, 50e-6, 75e-6, 100e-6, 200e-6, 500e-6,
        1e-3, 2e-3, 5e-3, 10e-3, 20e-3, 50e-3, 100e-3,
    ];

    private static readonly KeyValuePair<string, object?>[] PathTags =
    [
        new("path", "grpc"), new("path", "batch"), new("path", "raw"),
    ];

    private readonly Meter _meter;
    private readonly Counter<long> _shots;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _decodeSeconds;
    private readonly Histogram<double> _serviceSeconds;
    private readonly ConcurrentDictionary<string, long> _errorCounts = new(StringComparer.Ordinal);
    private long _shotsGrpc;
    private long _shotsRaw;
    private long _backlog;
    private long _openStreams;
    private long _sessionsCreated;
    private long _sessionsClosed;

    /// <summary>Creates the meter; the gauge of compiled decoders reads <paramref name="cache"/>.</summary>
    public ServerMetrics(Sessions.CompiledDecoderCache cache)
    {
        _meter = new Meter(MeterName, "1.0");
        _shots = _meter.CreateCounter<long>("qecd.shots", "{shot}", "Shots decoded and answered");
        _errors = _meter.CreateCounter<long>("qecd.errors", "{error}", "Calls, streams or connections ended by an error, by gRPC status");
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _decodeSeconds = _meter.CreateHistogram("qecd.decode.duration", "s", "Time inside the decoder per shot", advice: advice);
        _serviceSeconds = _meter.CreateHistogram("qecd.service.duration", "s",
            "Server time per message or frame batch: from the bytes read to the corrections handed to the transport", advice: advice);
        _meter.CreateObservableGauge("qecd.backlog", () => Interlocked.Read(ref _backlog), "{shot}", "Shots read and not yet answered");
        _meter.CreateObservableGauge("qecd.streams", () => Interlocked.Read(ref _openStreams), "{stream}", "Open decode streams and raw connections");
        _meter.CreateObservableGauge("qecd.sessions", () => SessionsCreated - SessionsClosed, "{session}", "Open sessions");
        _meter.CreateObservableGauge("qecd.compiled_decoders", () => cache.Count, "{decoder}", "Compiled decoders held");
    }

    /// <summary>Shots answered over gRPC (stream and batch).</summary>
    public long ShotsDecodedGrpc => Interlocked.Read(ref _shotsGrpc);

    /// <summary>Shots answered over the raw path.</summary>
    public long ShotsDecodedRaw => Interlocked.Read(ref _shotsRaw);

    /// <summary>Shots read and not yet answered.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Open streams and raw connections.</summary>
    public long OpenStreams => Interlocked.Read(ref _openStreams);

    /// <summary>Sessions created since start.</summary>
    public long SessionsCreated => Interlocked.Read(ref _sessionsCreated);

    /// <summary>Sessions closed since start.</summary>
    public long SessionsClosed => Interlocked.Read(ref _sessionsClosed);

    /// <summary>Errors by status name, a snapshot.</summary>
    public IReadOnlyDictionary<string, long> Errors => new Dictionary<string, long>(_errorCounts, StringComparer.Ordinal);

    /// <summary>Counts shots answered on a path.</summary>
    public void ShotsDecoded(IngestPath path, int shots)
    {
        if (path == IngestPath.Raw)
        {
            Interlocked.Add(ref _shotsRaw, shots);
        }
        else
        {
            Interlocked.Add(ref _shotsGrpc, shots);
        }
        _shots.Add(shots, PathTags[(int)path]);
    }

    /// <summary>Records one shot's decoder time.</summary>
    public void DecodeTime(IngestPath path, long nanoseconds) => _decodeSeconds.Record(nanoseconds * 1e-9, PathTags[(int)path]);

    /// <summary>Records the server time of one message or frame batch.</summary>
    public void ServiceTime(IngestPath path, long nanoseconds) => _serviceSeconds.Record(nanoseconds * 1e-9, PathTags[(int)path]);

    /// <summary>Adds to (or, negative, removes from) the backlog.</summary>
    public void AddBacklog(long shots) => Interlocked.Add(ref _backlog, shots);

    /// <summary>A stream or connection opened (+1) or ended (−1).</summary>
    public void AddStream(int delta) => Interlocked.Add(ref _openStreams, delta);

    /// <summary>A session was created.</summary>
    public void SessionCreated() => Interlocked.Increment(ref _sessionsCreated);

    /// <summary>A session was closed.</summary>
    public void SessionClosed() => Interlocked.Increment(ref _sessionsClosed);

    /// <summary>Counts an error by its status.</summary>
    public void Error(IngestPath path, StatusCode code)
    {
        string name = code.ToString();
        _errorCounts.AddOrUpdate(name, 1, (_, n) => n + 1);
        _errors.Add(1, PathTags[(int)path], new KeyValuePair<string, object?>("status", name));
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Qec.Core.Decoding;

namespace Qec.Server.Sessions;

/// <summary>
/// One open session: a compiled decoder (shared through the cache) plus the shot layout and the
/// counters of this session. A session is attached to at most one stream or raw connection at a
/// time (<see cref="Attach"/>); unary batch calls may use it concurrently through a pool of
/// decoder instances. Closing is idempotent and only ever done by the <see cref="SessionRegistry"/>.
/// </summary>
public sealed class DecoderSession
{
    private readonly ConcurrentBag<IDecoder> _pool = new();
    private int _attached;
    private int _closed;
    private long _shotsReceived;
    private long _shotsDecoded;
    private long _decoderNs;
    private long _lastUsedTimestamp;

    internal DecoderSession(string id, CompiledDecoderEntry compiled, bool softOutput, bool connectionScoped)
    {
        Id = id;
        Compiled = compiled;
        SoftOutput = softOutput;
        ConnectionScoped = connectionScoped;
        NumDetectors = compiled.Decoder.NumDetectors;
        NumObservables = compiled.Decoder.NumObservables;
        DetectorBytes = (NumDetectors + 7) >> 3;
        ObservableBytes = (NumObservables + 7) >> 3;
        _lastUsedTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Opaque id (32 lowercase hex digits).</summary>
    public string Id { get; }

    /// <summary>The shared compiled decoder.</summary>
    public CompiledDecoderEntry Compiled { get; }

    /// <summary>Decoder registry name.</summary>
    public string DecoderName => Compiled.Key.Decoder;

    /// <summary>Content hash of the model.</summary>
    public string ModelHash => Compiled.Key.ModelHash;

    /// <summary>Whether corrections carry weight and soft output.</summary>
    public bool SoftOutput { get; }

    /// <summary>True for a session opened by a raw connection's OPEN frame: it closes with the connection.</summary>
    public bool ConnectionScoped { get; }

    /// <summary>Detectors per shot.</summary>
    public int NumDetectors { get; }

    /// <summary>Observables per shot.</summary>
    public int NumObservables { get; }

    /// <summary>ceil(NumDetectors / 8).</summary>
    public int DetectorBytes { get; }

    /// <summary>ceil(NumObservables / 8).</summary>
    public int ObservableBytes { get; }

    /// <summary>True once closed; an attached stream stops at its next message.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>True while a stream or connection holds the session.</summary>
    public bool IsAttached => Volatile.Read(ref _attached) != 0;

    /// <summary>Shots read for this session.</summary>
    public long ShotsReceived => Interlocked.Read(ref _shotsReceived);

    /// <summary>Shots answered by this session.</summary>
    public long ShotsDecoded => Interlocked.Read(ref _shotsDecoded);

    /// <summary>Total decoder time, nanoseconds.</summary>
    public long DecoderNs => Interlocked.Read(ref _decoderNs);

    /// <summary>Stopwatch timestamp of the last attach, detach or batch.</summary>
    internal long LastUsedTimestamp => Interlocked.Read(ref _lastUsedTimestamp);

    /// <summary>Takes the session for one stream; FAILED_PRECONDITION when another holds it.</summary>
    public void Attach()
    {
        if (IsClosed)
        {
            throw QecServerException.NotFound($"session {Id} is closed");
        }
        if (Interlocked.CompareExchange(ref _attached, 1, 0) != 0)
        {
            throw new QecServerException(StatusCode.FailedPrecondition, $"session {Id} is already attached to another stream");
        }
        Touch();
    }

    /// <summary>Releases the session from its stream.</summary>
    public void Detach()
    {
        Touch();
        Volatile.Write(ref _attached, 0);
    }

    /// <summary>A decoder instance for one stream (owned by the caller, one thread at a time).</summary>
    public IDecoder CreateDecoder() => Compiled.Decoder.CreateDecoder();

    /// <summary>Borrows a pooled decoder instance for a unary call.</summary>
    public IDecoder Rent() => _pool.TryTake(out var d) ? d : Compiled.Decoder.CreateDecoder();

    /// <summary>Returns a borrowed decoder instance.</summary>
    public void Return(IDecoder decoder) => _pool.Add(decoder);

    /// <summary>Counts shots read.</summary>
    public void AddReceived(int shots) => Interlocked.Add(ref _shotsReceived, shots);

    /// <summary>Counts shots answered and their decoder time.</summary>
    public void AddDecoded(int shots, long decoderNs)
    {
        Interlocked.Add(ref _shotsDecoded, shots);
        Interlocked.Add(ref _decoderNs, decoderNs);
    }

    internal void Touch() => Interlocked.Exchange(ref _lastUsedTimestamp, Stopwatch.GetTimestamp());

    /// <summary>Marks closed; true only for the first call.</summary>
    internal bool MarkClosed() => Interlocked.Exchange(ref _closed, 1) == 0;
}

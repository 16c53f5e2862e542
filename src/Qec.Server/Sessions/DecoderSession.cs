using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;

namespace Qec.Server.Sessions;

/// <summary>
/// One open session: a compiled decoder (shared through the cache) plus the shot layout and the
/// counters of this session. A session is attached to at most one stream or raw connection at a
/// time (<see cref="Attach"/>); unary batch calls may use it concurrently through a pool of
/// decoder instances. Closing is idempotent and only ever done by the <see cref="SessionRegistry"/>.
/// Invariant: an assemble-mode session holds a whole-shot decoder (<see cref="CreateDecoder"/>), a
/// stream-mode session only a streaming one (<see cref="CreateStreamingDecoder"/>).
/// </summary>
public sealed class DecoderSession
{
    private readonly ConcurrentBag<IDecoder> _pool = new();
    private readonly ConcurrentBag<IStreamingDecoder> _streamingPool = new();
    private int _attached;
    private int _closed;
    private long _shotsReceived;
    private long _shotsDecoded;
    private long _decoderNs;
    private long _lastUsedTimestamp;

    internal DecoderSession(string id, CompiledDecoderEntry compiled, bool softOutput, bool connectionScoped, bool earlyCorrections = false, string? modelNote = null)
    {
        Id = id;
        Compiled = compiled;
        SoftOutput = softOutput;
        ConnectionScoped = connectionScoped;
        Mode = compiled.Key.Mode;
        if (Mode == SessionMode.Stream)
        {
            var streaming = compiled.Streaming;
            Layout = streaming.Layout;
            NumDetectors = checked((int)Layout.NumDetectors);
            NumObservables = Layout.NumObservables;
            NumRounds = Layout.NumRounds;
            WindowRounds = streaming.Window;
            CommitRounds = streaming.Commit;
            Note = Join(modelNote, streaming.Note);
            EarlyCorrections = earlyCorrections;
        }
        else
        {
            NumDetectors = compiled.Decoder.NumDetectors;
            NumObservables = compiled.Decoder.NumObservables;
            Note = modelNote;
        }
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

    /// <summary>How shots sent in parts are taken.</summary>
    public SessionMode Mode { get; }

    /// <summary>Stream mode: the model's rounds (null in assemble mode).</summary>
    public RoundLayout? Layout { get; }

    /// <summary>Stream mode: rounds per shot (0 in assemble mode).</summary>
    public int NumRounds { get; }

    /// <summary>Stream mode: window W in rounds (0 in assemble mode and for whole-shot fallback).</summary>
    public int WindowRounds { get; }

    /// <summary>Stream mode: commit region C in rounds (0 where <see cref="WindowRounds"/> is 0).</summary>
    public int CommitRounds { get; }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + "; " + b;

    /// <summary>The model's note (e.g. a circuit whose decomposition was refused) and, in stream mode, the streaming decoder's (e.g. whole-shot fallback), or null.</summary>
    public string? Note { get; }

    /// <summary>Stream mode: partial corrections are sent each time a window commits.</summary>
    public bool EarlyCorrections { get; }

    /// <summary>Detectors per shot (of the whole model, also in stream mode).</summary>
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

    /// <summary>A decoder instance for one stream (owned by the caller, one thread at a time). Assemble mode only.</summary>
    public IDecoder CreateDecoder() => Compiled.Decoder.CreateDecoder();

    /// <summary>A streaming decoder instance for one stream (owned by the caller). Stream mode only.</summary>
    public IStreamingDecoder CreateStreamingDecoder() => Compiled.Streaming.CreateStreamingDecoder();

    /// <summary>Borrows a pooled decoder instance for a unary call. Assemble mode only.</summary>
    public IDecoder Rent() => _pool.TryTake(out var d) ? d : Compiled.Decoder.CreateDecoder();

    /// <summary>Returns a borrowed decoder instance.</summary>
    public void Return(IDecoder decoder) => _pool.Add(decoder);

    /// <summary>Borrows a pooled streaming decoder for a unary call. Stream mode only.</summary>
    public IStreamingDecoder RentStreaming() => _streamingPool.TryTake(out var d) ? d : CreateStreamingDecoder();

    /// <summary>Returns a borrowed streaming decoder.</summary>
    public void ReturnStreaming(IStreamingDecoder decoder) => _streamingPool.Add(decoder);

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

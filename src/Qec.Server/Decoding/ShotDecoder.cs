using System.Diagnostics;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Server.Metrics;
using Qec.Server.Sessions;

namespace Qec.Server.Decoding;

/// <summary>
/// The decoder instance of one stream or connection: decodes shot after shot on the caller's
/// thread, times each decode and keeps the counts. Assemble mode: a whole-shot decoder and a
/// <see cref="ShotAssembler"/> for shots sent in parts. Stream mode: a <see cref="RoundStream"/>
/// over a streaming decoder, which also decodes whole shots (round by round, so they get the
/// same answers). A decoder that prefers batches (a GPU path) gets each run of whole shots of a
/// message or frame in one <see cref="IDecoder.DecodeBatch"/> call (<see cref="DecodesRuns"/>).
/// Owned by one thread; allocates nothing after construction (a batch path may allocate per batch).
/// With a <see cref="DecoderThread"/> (<c>--raw-decoder-thread</c>, <c>--grpc-decoder-thread</c>), single whole shots of an
/// assemble-mode session without soft output are decoded on that thread, and the decoder time is the
/// decode's own time there. Dispose it with its connection (it stops that thread).
/// </summary>
public sealed class ShotDecoder : IDisposable
{
    private readonly IDecoder? _decoder;
    private readonly DecoderThread? _thread;
    private readonly ServerMetrics _metrics;
    private readonly IngestPath _path;

    /// <summary>
    /// A decoder instance for <paramref name="session"/>; with <paramref name="dedicatedThread"/>, single
    /// whole shots are decoded on a <see cref="DecoderThread"/> when the session allows it (assemble mode,
    /// no soft output, no batch path).
    /// </summary>
    public ShotDecoder(DecoderSession session, ServerMetrics metrics, IngestPath path, bool dedicatedThread = false)
    {
        Session = session;
        _metrics = metrics;
        _path = path;
        if (session.Mode == SessionMode.Stream)
        {
            Rounds = new RoundStream(session.CreateStreamingDecoder(), session.Layout!);
        }
        else
        {
            _decoder = session.CreateDecoder();
            Assembler = new ShotAssembler(session.NumDetectors);
            // Soft output needs DecodeDetailed, which has no batch form: such sessions stay shot by shot.
            DecodesRuns = _decoder.PrefersBatches && !session.SoftOutput;
            if (dedicatedThread && !session.SoftOutput && !DecodesRuns)
            {
                _thread = new DecoderThread(_decoder, session.DetectorBytes, session.ObservableBytes, $"qecd decoder {session.Id}");
            }
        }
    }

    /// <summary>Stops the dedicated decoder thread, if any.</summary>
    public void Dispose() => _thread?.Dispose();

    /// <summary>The session decoded for.</summary>
    public DecoderSession Session { get; }

    /// <summary>True for a stream-mode session (<see cref="Rounds"/> is set, <see cref="Assembler"/> is null).</summary>
    public bool IsStream => Rounds is not null;

    /// <summary>Assemble mode: round-by-round assembly of this stream (null in stream mode).</summary>
    public ShotAssembler? Assembler { get; }

    /// <summary>Stream mode: the rounds of this stream's open shot (null in assemble mode).</summary>
    public RoundStream? Rounds { get; }

    /// <summary>
    /// True when a run of whole shots (the shots of one message or SHOTS frame) is decoded with one
    /// <see cref="DecodeRun"/>, a batch call from two shots on: assemble mode, no soft output, and a
    /// decoder that <see cref="IDecoder.PrefersBatches"/>. Otherwise every shot goes through <see cref="Decode"/>.
    /// </summary>
    public bool DecodesRuns { get; }

    /// <summary>
    /// Before a whole shot: in stream mode, refuses it while a shot sent round by round is open
    /// (both use the one streaming decoder). Nothing in assemble mode.
    /// </summary>
    public void BeginWholeShot(ulong shotId) => Rounds?.CheckNoOpenShot(shotId);

    /// <summary>
    /// Decodes one validated whole shot (<paramref name="shotId"/> names it in errors) into
    /// <paramref name="observableFlips"/> (ObservableBytes long) and returns the decoder time in
    /// nanoseconds. Soft output is asked for only when the
    /// session wants it and is in assemble mode; otherwise <paramref name="info"/> is
    /// <see cref="DecodeInfo.None"/>. A decoder failure is INTERNAL naming the shot.
    /// </summary>
    public long Decode(ulong shotId, ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, out DecodeInfo info)
    {
        long start = Stopwatch.GetTimestamp();
        long ns = -1;
        info = DecodeInfo.None;
        if (Rounds is not null)
        {
            Rounds.DecodeWhole(shotId, detectionEvents, observableFlips);
        }
        else
        {
            try
            {
                if (_thread is not null)
                {
                    ns = _thread.Decode(detectionEvents, observableFlips);
                }
                else if (Session.SoftOutput)
                {
                    info = _decoder!.DecodeDetailed(detectionEvents, observableFlips);
                }
                else
                {
                    _decoder!.Decode(detectionEvents, observableFlips);
                }
            }
            catch (Exception e) when (e is not (QecServerException or OutOfMemoryException))
            {
                // The shot was checked: a decoder failure is the server's fault.
                throw Failed($"shot {shotId}", shotId, e);
            }
        }
        ns = ns < 0 ? ElapsedNs(start) : ns;
        _metrics.DecodeTime(_path, ns);
        return ns;
    }

    /// <summary>
    /// Decodes <paramref name="shots"/> validated whole shots, consecutive in
    /// <paramref name="detectionEvents"/> (DetectorBytes each), into <paramref name="observableFlips"/>
    /// (ObservableBytes each) with one batch call, and returns the decoder time of the run in
    /// nanoseconds; each shot's decoder time is that divided by <paramref name="shots"/>.
    /// <paramref name="firstShotId"/> names the run in errors. Only when <see cref="DecodesRuns"/>; a run
    /// of one shot is decoded as a single shot (<see cref="Decode"/>).
    /// </summary>
    public long DecodeRun(ulong firstShotId, ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
    {
        if (shots <= 1)
        {
            // A run of one shot takes the single-shot path: a GPU launch costs more than one shot on a CPU.
            return shots == 0 ? 0 : Decode(firstShotId, detectionEvents, observableFlips, out _);
        }
        long start = Stopwatch.GetTimestamp();
        DecodeBatch(_decoder!, firstShotId, detectionEvents, observableFlips, shots);
        long ns = ElapsedNs(start);
        long perShot = ns / shots;
        for (int s = 0; s < shots; s++)
        {
            _metrics.DecodeTime(_path, perShot);
        }
        return ns;
    }

    /// <summary>
    /// One <see cref="IDecoder.DecodeBatch"/> call on <paramref name="decoder"/> (the decode of every
    /// batch path: runs of a stream, the unary batch call). The shots were checked, so a decoder failure
    /// is the server's fault: INTERNAL naming the run's first shot <paramref name="firstShotId"/>.
    /// </summary>
    public static void DecodeBatch(IDecoder decoder, ulong firstShotId, ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
    {
        try
        {
            decoder.DecodeBatch(detectionEvents, observableFlips, shots);
        }
        catch (Exception e) when (e is not (QecServerException or OutOfMemoryException))
        {
            throw Failed($"the batch of {shots} shots from shot {firstShotId}", firstShotId, e);
        }
    }

    private static QecServerException Failed(string what, ulong shotId, Exception e) =>
        new(StatusCode.Internal, $"{what}: the decoder failed: {e.Message}") { ShotId = shotId };

    /// <summary>
    /// Stream mode: checks and pushes one round (<see cref="RoundStream.Push"/>). On
    /// <see cref="RoundOutcome.Final"/> the shot's decoder time is recorded.
    /// </summary>
    public RoundOutcome PushRound(ulong shotId, uint round, uint first, uint count, ReadOnlySpan<byte> events, bool final)
    {
        var outcome = Rounds!.Push(shotId, round, first, count, events, final);
        if ((outcome & RoundOutcome.Final) != 0)
        {
            _metrics.DecodeTime(_path, Rounds.ShotNs);
        }
        return outcome;
    }

    /// <summary>Counts shots answered (session and server counters).</summary>
    public void Answered(int shots, long decoderNs)
    {
        Session.AddDecoded(shots, decoderNs);
        _metrics.ShotsDecoded(_path, shots);
    }

    /// <summary>Forgets a shot left open in parts (the stream ended).</summary>
    public void Reset()
    {
        Assembler?.Reset();
        Rounds?.Reset();
    }

    /// <summary>Nanoseconds since a Stopwatch timestamp.</summary>
    public static long ElapsedNs(long startTimestamp) => TicksToNs(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Nanoseconds in a span of Stopwatch ticks.</summary>
    public static long TicksToNs(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
}

using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Server.Metrics;
using Qec.Server.Sessions;

namespace Qec.Server.Decoding;

/// <summary>
/// The decoder instance of one stream or connection: decodes shot after shot on the caller's
/// thread, times each decode and keeps the counts. Assemble mode: a whole-shot decoder and a
/// <see cref="ShotAssembler"/> for shots sent in parts. Stream mode: a <see cref="RoundStream"/>
/// over a streaming decoder, which also decodes whole shots (round by round, so they get the
/// same answers). Owned by one thread; allocates nothing after construction.
/// </summary>
public sealed class ShotDecoder
{
    private readonly IDecoder? _decoder;
    private readonly ServerMetrics _metrics;
    private readonly IngestPath _path;

    /// <summary>A decoder instance for <paramref name="session"/>.</summary>
    public ShotDecoder(DecoderSession session, ServerMetrics metrics, IngestPath path)
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
        }
    }

    /// <summary>The session decoded for.</summary>
    public DecoderSession Session { get; }

    /// <summary>True for a stream-mode session (<see cref="Rounds"/> is set, <see cref="Assembler"/> is null).</summary>
    public bool IsStream => Rounds is not null;

    /// <summary>Assemble mode: round-by-round assembly of this stream (null in stream mode).</summary>
    public ShotAssembler? Assembler { get; }

    /// <summary>Stream mode: the rounds of this stream's open shot (null in assemble mode).</summary>
    public RoundStream? Rounds { get; }

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
    /// <see cref="DecodeInfo.None"/>.
    /// </summary>
    public long Decode(ulong shotId, ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, out DecodeInfo info)
    {
        long start = Stopwatch.GetTimestamp();
        info = DecodeInfo.None;
        if (Rounds is not null)
        {
            Rounds.DecodeWhole(shotId, detectionEvents, observableFlips);
        }
        else if (Session.SoftOutput)
        {
            info = _decoder!.DecodeDetailed(detectionEvents, observableFlips);
        }
        else
        {
            _decoder!.Decode(detectionEvents, observableFlips);
        }
        long ns = ElapsedNs(start);
        _metrics.DecodeTime(_path, ns);
        return ns;
    }

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
    public static long ElapsedNs(long startTimestamp)
    {
        long ticks = Stopwatch.GetTimestamp() - startTimestamp;
        return Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
    }
}

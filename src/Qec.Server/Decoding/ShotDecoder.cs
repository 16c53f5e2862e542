using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Server.Metrics;
using Qec.Server.Sessions;

namespace Qec.Server.Decoding;

/// <summary>
/// The decoder instance of one stream or connection: decodes shot after shot on the caller's
/// thread, times each decode and keeps the counts. Owned by one thread; allocates nothing.
/// </summary>
public sealed class ShotDecoder
{
    private readonly IDecoder _decoder;
    private readonly ServerMetrics _metrics;
    private readonly IngestPath _path;

    /// <summary>A decoder instance for <paramref name="session"/>.</summary>
    public ShotDecoder(DecoderSession session, ServerMetrics metrics, IngestPath path)
    {
        Session = session;
        _decoder = session.CreateDecoder();
        _metrics = metrics;
        _path = path;
        Assembler = new ShotAssembler(session.NumDetectors);
    }

    /// <summary>The session decoded for.</summary>
    public DecoderSession Session { get; }

    /// <summary>Round-by-round assembly of this stream.</summary>
    public ShotAssembler Assembler { get; }

    /// <summary>
    /// Decodes one validated shot into <paramref name="observableFlips"/> (ObservableBytes long)
    /// and returns the decoder time in nanoseconds. Soft output is asked for only when the
    /// session wants it; otherwise <paramref name="info"/> is <see cref="DecodeInfo.None"/>.
    /// </summary>
    public long Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, out DecodeInfo info)
    {
        long start = Stopwatch.GetTimestamp();
        if (Session.SoftOutput)
        {
            info = _decoder.DecodeDetailed(detectionEvents, observableFlips);
        }
        else
        {
            _decoder.Decode(detectionEvents, observableFlips);
            info = DecodeInfo.None;
        }
        long ns = ElapsedNs(start);
        _metrics.DecodeTime(_path, ns);
        return ns;
    }

    /// <summary>Counts shots answered (session and server counters).</summary>
    public void Answered(int shots, long decoderNs)
    {
        Session.AddDecoded(shots, decoderNs);
        _metrics.ShotsDecoded(_path, shots);
    }

    /// <summary>Nanoseconds since a Stopwatch timestamp.</summary>
    public static long ElapsedNs(long startTimestamp)
    {
        long ticks = Stopwatch.GetTimestamp() - startTimestamp;
        return Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
    }
}

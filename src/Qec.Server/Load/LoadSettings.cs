using System.Net;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Server.Sessions;

namespace Qec.Server.Load;

/// <summary>Which path and socket the load generator drives.</summary>
public enum LoadTransport
{
    /// <summary>gRPC Decode stream over TCP (h2c or TLS).</summary>
    Grpc,

    /// <summary>gRPC Decode stream over a Unix socket.</summary>
    GrpcUnix,

    /// <summary>Raw frames over TCP.</summary>
    Raw,

    /// <summary>Raw frames over a Unix socket.</summary>
    RawUnix,
}

/// <summary>Where the server is.</summary>
/// <param name="Transport">Path and socket kind.</param>
/// <param name="GrpcAddress">For <see cref="LoadTransport.Grpc"/>.</param>
/// <param name="RawEndPoint">For <see cref="LoadTransport.Raw"/>.</param>
/// <param name="UnixSocket">For the Unix transports.</param>
/// <param name="Token">Bearer token, or null.</param>
public sealed record LoadTarget(LoadTransport Transport, Uri? GrpcAddress = null, IPEndPoint? RawEndPoint = null, string? UnixSocket = null, string? Token = null)
{
    /// <summary>True for the raw transports.</summary>
    public bool IsRaw => Transport is LoadTransport.Raw or LoadTransport.RawUnix;

    /// <summary>"grpc tcp://…" style description.</summary>
    public override string ToString() => Transport switch
    {
        LoadTransport.Grpc => $"grpc {GrpcAddress}",
        LoadTransport.GrpcUnix => $"grpc unix:{UnixSocket}",
        LoadTransport.Raw => $"raw tcp://{RawEndPoint}",
        _ => $"raw unix:{UnixSocket}",
    };
}

/// <summary>What the load generator does.</summary>
public sealed record LoadSettings
{
    /// <summary>Built-in model name (wins over <see cref="DemText"/>).</summary>
    public string? BuiltInModel { get; init; }

    /// <summary>DEM text sent to the server.</summary>
    public string? DemText { get; init; }

    /// <summary>Decoder name.</summary>
    public string Decoder { get; init; } = "mwpm";

    /// <summary>Decoder options.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Concurrent streams (each its own connection and session).</summary>
    public int Streams { get; init; } = 1;

    /// <summary>Measured shots per stream (after warm-up); ignored when <see cref="Duration"/> is set.</summary>
    public long ShotsPerStream { get; init; } = 10_000;

    /// <summary>Measure for this long per stream instead of a shot count.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Unmeasured shots per stream first (JIT, caches, connection warm-up).</summary>
    public long WarmupShots { get; init; } = 2_000;

    /// <summary>Shots per message (gRPC DecodeRequest or raw SHOTS frame; 1 sends SHOT frames).</summary>
    public int ShotsPerMessage { get; init; } = 1;

    /// <summary>Messages in flight per stream; 1 = send, wait for the answer, repeat.</summary>
    public int InFlight { get; init; } = 1;

    /// <summary>Shots per second per stream; 0 = as fast as the window allows.</summary>
    public double RatePerStream { get; init; }

    /// <summary>Raw path: microseconds the client polls before a blocking receive (0: none).</summary>
    public int SpinMicros { get; init; }

    /// <summary>Echo instead of decode: same transport and message sizes, no decoder (the latency floor).</summary>
    public bool Echo { get; init; }

    /// <summary>
    /// How sessions take shots. <see cref="SessionMode.Assemble"/>: whole shots. <see cref="SessionMode.Stream"/>:
    /// sessions open in stream mode and each shot leaves round by round, one message or frame per round
    /// (<see cref="Rounds"/>); latency runs from sending the last round to receiving the correction.
    /// </summary>
    public SessionMode RoundMode { get; init; } = SessionMode.Assemble;

    /// <summary>Stream round mode: ask for a partial correction each time a window commits, and count them.</summary>
    public bool EarlyCorrections { get; init; }

    /// <summary>Stream round mode: the model's rounds as the server finds them (see <see cref="RoundsOf"/>).</summary>
    public RoundLayout? Rounds { get; init; }

    /// <summary>
    /// The rounds a stream-mode session of <paramref name="model"/> takes: grouped by time coordinate, or by
    /// the decoder option <c>detectors_per_round</c> when it is set.
    /// </summary>
    public static RoundLayout RoundsOf(DetectorErrorModel model, IReadOnlyDictionary<string, string> options) =>
        RoundLayout.Analyse(model, DecoderOptions.Parse(options.Select(kv => kv.Key + "=" + kv.Value)).GetInt(StreamingOptions.DetectorsPerRoundKey, 0), 1);

    /// <summary>
    /// True when a stream sends a message and waits for its answer on one thread: one in flight, no rate,
    /// and no early corrections. Those arrive while the rounds are still being sent, so a receiver must read
    /// them as they come (a window of one); unread, a long shot's would fill the socket and stall both sides.
    /// </summary>
    public bool IsLockstep => InFlight == 1 && RatePerStream == 0 && !EarlyCorrections;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Streams < 1 || ShotsPerMessage < 1 || InFlight < 1)
        {
            throw new ArgumentException($"streams ({Streams}), shots per message ({ShotsPerMessage}) and in-flight ({InFlight}) must be at least 1");
        }
        if (Duration is null && ShotsPerStream < 1)
        {
            throw new ArgumentException("give a positive number of shots or a duration");
        }
        if (RatePerStream < 0 || WarmupShots < 0)
        {
            throw new ArgumentException("rate and warm-up must not be negative");
        }
        if (BuiltInModel is null && DemText is null)
        {
            throw new ArgumentException("name a model: a built-in name or DEM text");
        }
        if (RoundMode == SessionMode.Stream && (Rounds is null || ShotsPerMessage != 1 || Echo))
        {
            throw new ArgumentException("stream round mode sends one shot at a time, round by round: it needs the model's rounds, 1 shot per message and no echo");
        }
        if (EarlyCorrections && RoundMode != SessionMode.Stream)
        {
            throw new ArgumentException("early corrections come only in stream round mode");
        }
    }
}

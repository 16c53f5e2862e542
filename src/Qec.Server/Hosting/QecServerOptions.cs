using System.Net;
using System.Security.Cryptography.X509Certificates;
using Qec.Core.Dem;
using Qec.Server.Raw;

namespace Qec.Server.Hosting;

/// <summary>
/// Everything <c>qecd serve</c> can set. Endpoints bind loopback by default; port 0 picks a free
/// port (read the real one from <see cref="QecServer"/> after start). A null endpoint is off.
/// </summary>
public sealed class QecServerOptions
{
    /// <summary>Default gRPC port.</summary>
    public const int DefaultGrpcPort = 50051;

    /// <summary>Default raw ingest port.</summary>
    public const int DefaultRawPort = 50052;

    /// <summary>gRPC over TCP (HTTP/2; TLS when <see cref="Certificate"/> is set).</summary>
    public IPEndPoint? GrpcEndPoint { get; set; } = new(IPAddress.Loopback, DefaultGrpcPort);

    /// <summary>gRPC over a Unix socket at this path (HTTP/2 without TLS).</summary>
    public string? GrpcUnixSocket { get; set; }

    /// <summary>Raw frames over TCP.</summary>
    public IPEndPoint? RawEndPoint { get; set; } = new(IPAddress.Loopback, DefaultRawPort);

    /// <summary>Raw frames over a Unix socket at this path.</summary>
    public string? RawUnixSocket { get; set; }

    /// <summary>Prometheus scrape endpoint (HTTP/1.1, path /metrics); null: off.</summary>
    public IPEndPoint? MetricsEndPoint { get; set; }

    /// <summary>When set, gRPC calls need <c>authorization: Bearer &lt;token&gt;</c> and raw HELLO frames carry it.</summary>
    public string? BearerToken { get; set; }

    /// <summary>TLS certificate (with private key) for the gRPC TCP endpoint; null: plaintext h2c.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Largest gRPC message accepted, bytes (larger: RESOURCE_EXHAUSTED).</summary>
    public int MaxMessageBytes { get; set; } = 4 << 20;

    /// <summary>Largest raw frame payload accepted, bytes (larger: ERROR RESOURCE_EXHAUSTED).</summary>
    public int MaxRawPayloadBytes { get; set; } = RawProtocol.DefaultMaxPayloadBytes;

    /// <summary>Open sessions at most.</summary>
    public int MaxSessions { get; set; } = 1024;

    /// <summary>Raw connections at most.</summary>
    public int MaxRawConnections { get; set; } = 256;

    /// <summary>
    /// Microseconds a raw connection's thread polls for the next bytes before it blocks in receive
    /// (0: block at once). Polling trades a busy core for the kernel's wake-up latency when shots
    /// arrive back to back.
    /// </summary>
    public int RawSpinMicros { get; set; }

    /// <summary>
    /// Raw path: each connection decodes its single whole shots on a thread of its own that spins between
    /// shots (<see cref="Decoding.DecoderThread"/>), so the decoder runs with caches the socket I/O did not
    /// touch: a busy core per connection while shots flow, none after 2 ms without one.
    /// </summary>
    public bool RawDecoderThread { get; set; }

    /// <summary>
    /// gRPC path: the same for each Decode call — its single whole shots are decoded on a thread of its own
    /// (<see cref="Decoding.DecoderThread"/>) instead of on whichever thread-pool thread resumes the call's
    /// read loop, whose caches the HTTP/2 stack has just used. A busy core per call while shots flow.
    /// </summary>
    public bool GrpcDecoderThread { get; set; }

    /// <summary>
    /// Response messages queued per gRPC stream between its reader and its writer before the reader
    /// waits (backpressure). 0: no queue and no writer loop, the reader writes each response itself
    /// (HTTP/2 flow control is then the only buffer).
    /// </summary>
    public int StreamQueueCapacity { get; set; } = 64;

    /// <summary>Detached sessions unused this long are closed.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long shutdown waits for streams and connections to drain before aborting them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Models clients may name instead of sending DEM text.</summary>
    public IReadOnlyDictionary<string, Func<DetectorErrorModel>> BuiltInModels { get; set; } = new Dictionary<string, Func<DetectorErrorModel>>();

    /// <summary>Log level for the server's own messages (ASP.NET Core's are one level quieter).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (GrpcEndPoint is null && GrpcUnixSocket is null && RawEndPoint is null && RawUnixSocket is null)
        {
            throw new ArgumentException("no endpoint: enable at least one of gRPC TCP, gRPC Unix socket, raw TCP, raw Unix socket");
        }
        if (MaxMessageBytes < 1024 || MaxRawPayloadBytes < 1024)
        {
            throw new ArgumentException($"message and frame limits must be at least 1024 bytes (got {MaxMessageBytes} and {MaxRawPayloadBytes})");
        }
        if (MaxSessions < 1 || MaxRawConnections < 1 || StreamQueueCapacity < 0 || RawSpinMicros < 0)
        {
            throw new ArgumentException("session and connection limits must be positive, the queue and spin time not negative");
        }
        if (BearerToken is { Length: 0 })
        {
            throw new ArgumentException("the bearer token is empty");
        }
        if (Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException($"the TLS certificate {Certificate.Subject} has no private key");
        }
    }
}

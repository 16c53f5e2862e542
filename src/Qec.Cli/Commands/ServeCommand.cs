using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Server.Hosting;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd serve</c>: runs the decoder daemon (gRPC and raw ingest) until Ctrl+C or SIGTERM, then
/// shuts down gracefully (every shot read is answered). Binds loopback by default.
/// </summary>
public static class ServeCommand
{
    /// <summary>Builds the <c>serve</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var grpc = new Option<string>("--grpc") { Description = "gRPC TCP endpoint host:port, or 'none'", DefaultValueFactory = _ => $"127.0.0.1:{QecServerOptions.DefaultGrpcPort}" };
        var grpcUnix = new Option<string?>("--grpc-unix") { Description = "also serve gRPC on this Unix socket path" };
        var raw = new Option<string>("--raw") { Description = "raw frame TCP endpoint host:port, or 'none'", DefaultValueFactory = _ => $"127.0.0.1:{QecServerOptions.DefaultRawPort}" };
        var rawUnix = new Option<string?>("--raw-unix") { Description = "also take raw frames on this Unix socket path" };
        var metrics = new Option<string?>("--metrics") { Description = "Prometheus scrape endpoint host:port (HTTP/1.1, path /metrics); off by default" };
        var token = new Option<string?>("--token") { Description = "bearer token clients must present (prefer --token-file: the command line is visible to other users)" };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "file whose first line is the bearer token" };
        var cert = new Option<FileInfo?>("--tls-cert") { Description = "TLS certificate for the gRPC TCP endpoint: .pfx/.p12, or PEM with --tls-key" };
        var key = new Option<FileInfo?>("--tls-key") { Description = "PEM private key for a PEM --tls-cert" };
        var certPassword = new Option<string?>("--tls-password") { Description = "password of a .pfx certificate" };
        var maxMessage = new Option<int>("--max-message-bytes") { Description = "largest gRPC message accepted", DefaultValueFactory = _ => 4 << 20 };
        var maxFrame = new Option<int>("--max-frame-bytes") { Description = "largest raw frame payload accepted", DefaultValueFactory = _ => 1 << 20 };
        var maxSessions = new Option<int>("--max-sessions") { Description = "open sessions at most", DefaultValueFactory = _ => 1024 };
        var maxConnections = new Option<int>("--max-connections") { Description = "raw connections at most", DefaultValueFactory = _ => 256 };
        var spin = new Option<int>("--raw-spin-us") { Description = "µs a raw connection polls for the next frame before blocking (0: off; burns a core per busy connection)", DefaultValueFactory = _ => 0 };
        var decoderThread = new Option<bool>("--raw-decoder-thread") { Description = "each raw connection decodes on a thread of its own that spins between shots (decoder time as offline; burns a core per busy connection)" };
        var grpcDecoderThread = new Option<bool>("--grpc-decoder-thread") { Description = "each gRPC Decode call decodes on a thread of its own that spins between shots (burns a core per busy call)" };
        var queue = new Option<int>("--queue") { Description = "response messages queued per gRPC stream before it stops reading (backpressure)", DefaultValueFactory = _ => 64 };
        var idle = new Option<double>("--idle-timeout") { Description = "seconds after which a session no stream uses is closed", DefaultValueFactory = _ => 600 };
        var shutdown = new Option<double>("--shutdown-timeout") { Description = "seconds shutdown waits for streams to drain", DefaultValueFactory = _ => 30 };
        var logLevel = new Option<Microsoft.Extensions.Logging.LogLevel>("--log-level") { Description = "log level of the server's own messages", DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Information };
        var command = new Command("serve", "run the decoder service: gRPC (HTTP/2) and raw frames over TCP and Unix sockets")
        {
            grpc, grpcUnix, raw, rawUnix, metrics, token, tokenFile, cert, key, certPassword,
            maxMessage, maxFrame, maxSessions, maxConnections, spin, decoderThread, grpcDecoderThread, queue, idle, shutdown, logLevel,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            var options = new QecServerOptions
            {
                GrpcEndPoint = ParseEndPoint(parse.GetValue(grpc)!, "--grpc"),
                GrpcUnixSocket = parse.GetValue(grpcUnix),
                RawEndPoint = ParseEndPoint(parse.GetValue(raw)!, "--raw"),
                RawUnixSocket = parse.GetValue(rawUnix),
                MetricsEndPoint = parse.GetValue(metrics) is { } m ? ParseEndPoint(m, "--metrics") : null,
                BearerToken = ReadToken(parse.GetValue(token), parse.GetValue(tokenFile)),
                Certificate = LoadCertificate(parse.GetValue(cert), parse.GetValue(key), parse.GetValue(certPassword)),
                MaxMessageBytes = parse.GetValue(maxMessage),
                MaxRawPayloadBytes = parse.GetValue(maxFrame),
                MaxSessions = parse.GetValue(maxSessions),
                MaxRawConnections = parse.GetValue(maxConnections),
                StreamQueueCapacity = parse.GetValue(queue),
                RawSpinMicros = parse.GetValue(spin),
                RawDecoderThread = parse.GetValue(decoderThread),
                GrpcDecoderThread = parse.GetValue(grpcDecoderThread),
                SessionIdleTimeout = Seconds(parse.GetValue(idle), "--idle-timeout"),
                ShutdownTimeout = Seconds(parse.GetValue(shutdown), "--shutdown-timeout"),
                BuiltInModels = BuiltIns(),
                LogLevel = parse.GetValue(logLevel),
            };
            var server = QecServer.StartAsync(options, registry).GetAwaiter().GetResult();
            PrintEndpoints(console.Out, server, registry);
            console.Out.Flush();
            server.WaitForShutdownAsync().GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            console.Out.WriteLine("qecd: stopped");
            return 0;
        }));
        return command;
    }

    /// <summary>The CLI's built-in models, by name.</summary>
    public static IReadOnlyDictionary<string, Func<DetectorErrorModel>> BuiltIns() =>
        new Dictionary<string, Func<DetectorErrorModel>> { [BuiltInModels.SurfaceD5] = () => BuiltInModels.Load(BuiltInModels.SurfaceD5) };

    /// <summary>Parses host:port ('localhost' means 127.0.0.1; [v6]:port works); 'none' is null.</summary>
    public static IPEndPoint? ParseEndPoint(string text, string option)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string t = text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + text["localhost".Length..] : text;
        return IPEndPoint.TryParse(t, out var ep) && t.LastIndexOf(':') > t.LastIndexOf(']')
            ? ep
            : throw new ArgumentException($"{option} {text}: expected host:port with a numeric address (e.g. 127.0.0.1:50051), or none");
    }

    private static void PrintEndpoints(TextWriter output, QecServer server, DecoderRegistry registry)
    {
        output.WriteLine($"qecd: serving decoders {string.Join(", ", registry.Names)}; built-in model {BuiltInModels.SurfaceD5}");
        if (server.GrpcAddress is { } g)
        {
            output.WriteLine($"grpc: {g}");
        }
        if (server.GrpcUnixSocket is { } gu)
        {
            output.WriteLine($"grpc: unix:{gu}");
        }
        if (server.RawEndPoint is { } r)
        {
            output.WriteLine($"raw: tcp://{r}");
        }
        if (server.RawUnixSocket is { } ru)
        {
            output.WriteLine($"raw: unix:{ru}");
        }
        if (server.MetricsAddress is { } m)
        {
            output.WriteLine($"metrics: {m}");
        }
        output.WriteLine("press Ctrl+C to stop (every shot already read is answered first)");
    }

    private static string? ReadToken(string? token, FileInfo? file)
    {
        if (token is not null && file is not null)
        {
            throw new ArgumentException("give --token or --token-file, not both");
        }
        if (file is null)
        {
            return token;
        }
        if (!file.Exists)
        {
            throw new FileNotFoundException($"no such token file: {file.FullName}");
        }
        string first = File.ReadLines(file.FullName).FirstOrDefault()?.Trim() ?? "";
        return first.Length > 0 ? first : throw new ArgumentException($"{file.FullName}: the first line (the token) is empty");
    }

    private static X509Certificate2? LoadCertificate(FileInfo? cert, FileInfo? key, string? password)
    {
        if (cert is null)
        {
            return key is null ? null : throw new ArgumentException("--tls-key needs --tls-cert");
        }
        if (!cert.Exists)
        {
            throw new FileNotFoundException($"no such certificate file: {cert.FullName}");
        }
        try
        {
            if (key is not null)
            {
                var pem = X509Certificate2.CreateFromPemFile(cert.FullName, key.FullName);
                // Kestrel on some platforms needs the key in a PKCS#12 round trip to use it.
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            return X509CertificateLoader.LoadPkcs12FromFile(cert.FullName, password);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"{cert.FullName}: cannot load the certificate: {e.Message}");
        }
    }

    private static TimeSpan Seconds(double seconds, string option) => seconds > 0
        ? TimeSpan.FromSeconds(seconds)
        : throw new ArgumentException($"{option} must be positive, found {seconds}");
}

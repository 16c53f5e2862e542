using System.Net;
using Grpc.Net.Client;
using Qec.BeliefPropagation;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Server.Client;
using Qec.Server.Hosting;
using Qec.Server.Protocol;

namespace Qec.Server.Tests.Support;

/// <summary>
/// A real server on loopback for one test: ephemeral TCP ports and Unix sockets in a private temp
/// folder, so tests run in parallel. Decoders: <c>parity</c>, <c>refuses</c> and the BP family
/// (<c>bp</c>, <c>bposd</c>, <c>relaybp</c>) and <c>tn</c>, as <c>qecd serve</c> serves them. Built-in model:
/// <c>rep6</c> (<see cref="TestModels.RepetitionCode"/>).
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    /// <summary>Name of the built-in test model.</summary>
    public const string BuiltIn = "rep6";

    private readonly string _folder;
    private readonly List<GrpcChannel> _channels = [];

    private TestServer(QecServer server, string folder, QecServerOptions options)
    {
        Server = server;
        _folder = folder;
        Options = options;
    }

    public QecServer Server { get; }

    public QecServerOptions Options { get; }

    /// <summary>A registry with the test decoders and the BP family.</summary>
    public static DecoderRegistry Decoders() =>
        Qec.TensorNetwork.TensorNetworkDecoders.Register(BeliefPropagationDecoders.Register(new(new ParityDecoderFactory(), new RefusingDecoderFactory())));

    /// <summary>
    /// Starts a server; <paramref name="configure"/> may change options before start;
    /// <paramref name="decoders"/> replaces the test decoders (e.g. <see cref="StreamModels.Decoders"/>).
    /// </summary>
    public static async Task<TestServer> StartAsync(Action<QecServerOptions>? configure = null, DecoderRegistry? decoders = null)
    {
        string folder = Path.Combine(Path.GetTempPath(), "qecd-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var options = new QecServerOptions
        {
            GrpcEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            RawEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            GrpcUnixSocket = Path.Combine(folder, "grpc.sock"),
            RawUnixSocket = Path.Combine(folder, "raw.sock"),
            BuiltInModels = new Dictionary<string, Func<DetectorErrorModel>>
            {
                [BuiltIn] = () => DetectorErrorModel.Parse(TestModels.RepetitionCode(), "built-in:rep6"),
            },
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        var server = await QecServer.StartAsync(options, decoders ?? Decoders());
        return new TestServer(server, folder, options);
    }

    /// <summary>A gRPC client over TCP (or the Unix socket), with the token if given.</summary>
    public Protocol.Decoder.DecoderClient Grpc(bool unix = false, string? token = null)
    {
        var channel = unix ? QecGrpcChannels.Create(null, Server.GrpcUnixSocket) : QecGrpcChannels.Create(Server.GrpcAddress);
        _channels.Add(channel);
        return new Protocol.Decoder.DecoderClient(QecGrpcChannels.WithToken(channel, token ?? Options.BearerToken));
    }

    /// <summary>A raw client over TCP (or the Unix socket), HELLO done.</summary>
    public RawDecoderClient Raw(bool unix = false, string? token = null) => unix
        ? RawDecoderClient.ConnectUnix(Server.RawUnixSocket!, token ?? Options.BearerToken)
        : RawDecoderClient.ConnectTcp(Server.RawEndPoint!, token ?? Options.BearerToken);

    /// <summary>Creates a session over gRPC on the built-in test model.</summary>
    public async Task<CreateSessionResponse> CreateSessionAsync(Protocol.Decoder.DecoderClient client, string decoder = ParityDecoderFactory.DecoderName,
        IDictionary<string, string>? options = null, bool softOutput = false)
    {
        var request = new CreateSessionRequest { BuiltIn = BuiltIn, Decoder = decoder, SoftOutput = softOutput };
        if (options is not null)
        {
            request.Options.Add(options);
        }
        return await client.CreateSessionAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _channels)
        {
            c.Dispose();
        }
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

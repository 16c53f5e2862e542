using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>Graceful shutdown, health, reflection and metrics.</summary>
public class LifecycleTests
{
    private const int SlowShots = 100;
    private static readonly Dictionary<string, string> Slow = new() { ["delay_us"] = "2000" };

    [Fact]
    public async Task ShutdownAnswersEveryShotTheGrpcStreamRead()
    {
        var server = await TestServer.StartAsync();
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, options: Slow);
        using var call = client.Decode();
        var request = new DecodeRequest { SessionId = session.SessionId };
        for (int s = 0; s < SlowShots; s++)
        {
            request.Shots.Add(new Shot { ShotId = (ulong)s, DetectionEvents = ByteString.CopyFrom(new byte[4]) });
        }
        await call.RequestStream.WriteAsync(request);
        await WaitUntilReadAsync(server, session.SessionId); // the server is decoding the message (0.2 s of work)

        var stopping = server.Server.StopAsync();
        int answered = 0;
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                foreach (var c in call.ResponseStream.Current.Corrections)
                {
                    Assert.Equal((ulong)answered++, c.ShotId);
                }
            }
        });
        Assert.Equal(SlowShots, answered);
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains($"every shot read on this stream was answered ({SlowShots}; the last was shot {SlowShots - 1})", e.Status.Detail);
        await stopping;
        await server.DisposeAsync();
    }

    [Fact]
    public async Task ShutdownAnswersEveryShotTheRawConnectionReadThenSaysGoodbye()
    {
        var server = await TestServer.StartAsync();
        using var client = server.Raw();
        var session = client.Open(null, TestServer.BuiltIn, "parity", Slow);
        client.SendShots(0, SlowShots, new byte[SlowShots * 4]);
        client.Flush();
        await WaitUntilReadAsync(server, session.SessionId);

        var stopping = server.Server.StopAsync();
        var reply = client.Receive();
        Assert.Equal(RawFrameType.Corrections, reply.Type);
        Assert.Equal(SlowShots, reply.Count);
        reply = client.Receive();
        Assert.Equal(RawFrameType.Goodbye, reply.Type);
        Assert.Equal(SlowShots, reply.Answered);
        Assert.Throws<IOException>(() => client.Receive());
        await stopping;
        await server.DisposeAsync();
    }

    // Polls the server's own view until the session has started on the shots sent.
    private static async Task WaitUntilReadAsync(TestServer server, string sessionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Server.Sessions.Snapshot().FirstOrDefault(s => s.Id == sessionId)?.ShotsReceived is not > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
        }
    }

    [Fact]
    public async Task HealthAndReflectionAnswer()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = QecGrpcChannels.Create(server.Server.GrpcAddress);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("qec.v1.Decoder", services);
        Assert.Contains("qec.v1.Diagnostics", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task PrometheusEndpointExportsShotsSessionsAndLatency()
    {
        await using var server = await TestServer.StartAsync(o => o.MetricsEndPoint = new IPEndPoint(IPAddress.Loopback, 0));
        await using (var bystanders = await Bystanders.OpenAsync(server))
        {
            await bystanders.AssertAliveAsync();
        }
        using var http = new HttpClient();
        string text = "";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!text.Contains("qecd_shots") && DateTime.UtcNow < deadline)
        {
            text = await http.GetStringAsync(server.Server.MetricsAddress);
            await Task.Delay(50);
        }
        Assert.Contains("qecd_shots", text);
        Assert.Contains("path=\"raw\"", text);
        Assert.Contains("path=\"grpc\"", text);
        Assert.Contains("qecd_decode_duration_seconds_bucket", text);
        Assert.Contains("qecd_sessions", text);
        Assert.Contains("qecd_backlog", text);
    }

    [Fact]
    public async Task GrpcEchoReturnsEachMessage()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = QecGrpcChannels.Create(server.Server.GrpcAddress);
        using var call = new Diagnostics.DiagnosticsClient(channel).Echo();
        var message = new DecodeRequest { SessionId = "x" };
        message.Shots.Add(new Shot { ShotId = 3, DetectionEvents = ByteString.CopyFrom(1, 2, 3) });
        await call.RequestStream.WriteAsync(message);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(message, call.ResponseStream.Current);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task RawOnlyServersStartWithoutAWebServer()
    {
        // Two at once: a Kestrel left without endpoints would bind its default port 5000 twice.
        await using var a = await TestServer.StartAsync(o => (o.GrpcEndPoint, o.GrpcUnixSocket) = (null, null));
        await using var b = await TestServer.StartAsync(o => (o.GrpcEndPoint, o.GrpcUnixSocket) = (null, null));
        Assert.Null(a.Server.GrpcAddress);
        foreach (var server in new[] { a, b })
        {
            using var client = server.Raw();
            client.Open(null, TestServer.BuiltIn, "parity");
            var flips = new byte[1];
            client.Decode(1, new byte[4], flips);
            Assert.Equal(1, client.CloseSession());
        }
    }
}

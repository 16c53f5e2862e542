using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// Each kind of bad gRPC input gets its own precise status, and the bystanders (a gRPC stream and
/// a raw connection of other clients, open throughout) keep being answered.
/// </summary>
public class GrpcBadInputTests
{
    [Fact]
    public async Task UnknownSessionIsNotFound()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var call = server.Grpc().Decode();
        await call.RequestStream.WriteAsync(new DecodeRequest { SessionId = "0123456789abcdef0123456789abcdef" });
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("unknown session '0123456789abcdef0123456789abcdef'", e.Status.Detail);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task UnknownDecoderIsNotFoundAndNamesTheKnownOnes()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var e = await Assert.ThrowsAsync<RpcException>(() => server.CreateSessionAsync(server.Grpc(), decoder: "nope"));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Equal("unknown decoder 'nope': known decoders are bp, bposd, parity, refuses, relaybp, tn", e.Status.Detail);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task MalformedDemReturnsTheParsersLineAndColumn()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var request = new CreateSessionRequest { DemText = "error(0.1) D0\nerror(0.1 D1\n", Decoder = "parity" };
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Grpc().CreateSessionAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var expected = Assert.Throws<Qec.Core.Dem.DemFormatException>(() => Qec.Core.Dem.DetectorErrorModel.Parse(request.DemText, "dem"));
        Assert.Equal(expected.Message, e.Status.Detail); // e.g. "dem:2:11: ..."
        Assert.StartsWith("dem:2:", e.Status.Detail);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task DecoderThatCannotTakeTheModelIsInvalidArgument()
    {
        await using var server = await TestServer.StartAsync();
        var e = await Assert.ThrowsAsync<RpcException>(() => server.CreateSessionAsync(server.Grpc(), decoder: "refuses"));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("cannot take this model", e.Status.Detail);
    }

    [Fact]
    public async Task WrongDetectionEventByteCountEndsTheStreamAfterAnsweringTheShotsBeforeIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        using var call = client.Decode();
        var request = new DecodeRequest { SessionId = session.SessionId };
        request.Shots.Add(new Shot { ShotId = 1, DetectionEvents = ByteString.CopyFrom(new byte[4]) });
        request.Shots.Add(new Shot { ShotId = 2, DetectionEvents = ByteString.CopyFrom(new byte[4]) });
        request.Shots.Add(new Shot { ShotId = 3, DetectionEvents = ByteString.CopyFrom(new byte[3]) });
        request.Shots.Add(new Shot { ShotId = 4, DetectionEvents = ByteString.CopyFrom(new byte[4]) });
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal([1ul, 2ul], call.ResponseStream.Current.Corrections.Select(c => c.ShotId));
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("shot 3: 3 bytes of detection events, expected 4 (30 detectors, b8 packed)", e.Status.Detail);
        await bystanders.AssertAliveAsync();
        // The session survives a bad stream: a new stream can use it.
        var stats = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.False(stats.Sessions[0].Attached);
        Assert.Equal(2ul, stats.Sessions[0].ShotsDecoded);
    }

    [Fact]
    public async Task PaddingBitsAreInvalidArgument()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        using var call = client.Decode();
        var request = new DecodeRequest { SessionId = session.SessionId };
        request.Shots.Add(new Shot { ShotId = 9, DetectionEvents = ByteString.CopyFrom([0, 0, 0, 0x40]) });
        await call.RequestStream.WriteAsync(request);
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("shot 9: padding bits set in byte 3", e.Status.Detail);
    }

    [Fact]
    public async Task OversizeMessageIsResourceExhausted()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxMessageBytes = 64 * 1024);
        await using var bystanders = await Bystanders.OpenAsync(server);
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        using var call = client.Decode();
        var request = new DecodeRequest { SessionId = session.SessionId };
        for (int s = 0; s < 20_000; s++)
        {
            request.Shots.Add(new Shot { ShotId = (ulong)s, DetectionEvents = ByteString.CopyFrom(new byte[4]) });
        }
        Assert.True(request.CalculateSize() > 64 * 1024);
        try
        {
            await call.RequestStream.WriteAsync(request);
        }
        catch (RpcException)
        {
            // the server may end the call while the client is still writing
        }
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task ClientThatDisconnectsMidStreamFreesItsSession()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        var cancel = new CancellationTokenSource();
        var call = client.Decode(cancellationToken: cancel.Token);
        var request = new DecodeRequest { SessionId = session.SessionId };
        request.Shots.Add(new Shot { ShotId = 1, DetectionEvents = ByteString.CopyFrom(new byte[4]) });
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var before = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.True(before.Sessions[0].Attached);

        cancel.Cancel(); // the controller vanishes mid-stream (RST_STREAM)
        call.Dispose();

        GetStatsResponse stats;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(10);
            stats = await client.GetStatsAsync(new GetStatsRequest());
        }
        while (stats.Sessions.Any(s => s.SessionId == session.SessionId) && DateTime.UtcNow < deadline);
        Assert.DoesNotContain(stats.Sessions, s => s.SessionId == session.SessionId);
        Assert.Equal(1ul, stats.Errors["Cancelled"]);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId }));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task SessionHeldByAnotherStreamIsFailedPrecondition()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        using var first = client.Decode();
        await first.RequestStream.WriteAsync(new DecodeRequest { SessionId = session.SessionId });
        // Wait until the first stream holds it.
        while (!(await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId })).Sessions[0].Attached)
        {
            await Task.Delay(5);
        }
        using var second = client.Decode();
        await second.RequestStream.WriteAsync(new DecodeRequest { SessionId = session.SessionId });
        var e = await Assert.ThrowsAsync<RpcException>(() => second.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
    }
}

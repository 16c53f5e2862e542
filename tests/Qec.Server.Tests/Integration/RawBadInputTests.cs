using System.Net.Sockets;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// Each kind of bad raw input gets one ERROR frame with its status and the connection closes;
/// the bystanders (another raw connection and a gRPC stream) keep being answered.
/// </summary>
public class RawBadInputTests
{
    private static RawServerException Refused(RawDecoderClient client)
    {
        client.Flush();
        while (true)
        {
            try
            {
                var reply = client.Receive();
                Assert.True(reply.Type is RawFrameType.Correction or RawFrameType.Corrections, $"unexpected {reply.Type}");
            }
            catch (RawServerException e)
            {
                Assert.Throws<IOException>(() => client.Receive()); // then the server closes
                return e;
            }
        }
    }

    [Fact]
    public async Task UnknownSessionIsNotFound()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        var e = Assert.Throws<RawServerException>(() => client.Attach("ffffffffffffffffffffffffffffffff"));
        Assert.Equal(StatusCode.NotFound, e.Code);
        Assert.Contains("unknown session 'ffffffffffffffffffffffffffffffff'", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task UnknownDecoderIsNotFound()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        var e = Assert.Throws<RawServerException>(() => client.Open(null, TestServer.BuiltIn, "nope"));
        Assert.Equal(StatusCode.NotFound, e.Code);
        Assert.Equal("unknown decoder 'nope': known decoders are bp, bposd, parity, refuses, relaybp, tn", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task MalformedDemReturnsTheParsersLineAndColumn()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw(unix: true);
        var e = Assert.Throws<RawServerException>(() => client.Open("detector D0\nerror(2) D0\n", null, "parity"));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.StartsWith("dem:2:", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task WrongDetectionEventByteCountIsRefusedAfterAnsweringTheShotsBeforeIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        client.Open(null, TestServer.BuiltIn, "parity");
        client.SendShot(1, new byte[4]);
        client.SendShot(2, new byte[5]);
        client.SendShot(3, new byte[4]);
        client.Flush();
        var first = client.Receive();
        Assert.Equal(1ul, first.ShotId);
        var e = Refused(client);
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Equal(2ul, e.ShotId);
        // HELLO (8 + 8 bytes), OPEN (8 + 12 + "parity" + "rep6"), SHOT 1 (8 + 12): shot 2 starts at byte 66.
        Assert.Equal(66, e.ByteOffset);
        Assert.Equal("shot 2: 5 bytes of detection events, expected 4 (30 detectors, b8 packed)", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task OversizeFrameIsRefusedFromItsHeader()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxRawPayloadBytes = 4096);
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        client.Open(null, TestServer.BuiltIn, "parity");
        client.SendShots(0, 2000, new byte[8000]);
        var e = Refused(client);
        Assert.Equal(StatusCode.ResourceExhausted, e.Code);
        Assert.Contains("declares a 8016-byte payload; the limit is 4096", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task TruncatedFrameIsRefusedWhenTheConnectionEndsInsideIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        client.Open(null, TestServer.BuiltIn, "parity");
        var whole = new RawFrameWriter();
        whole.WriteShot(7, new byte[4]);
        client.SendRawBytes(whole.WrittenSpan[..10]);
        client.Flush();
        client.ShutdownSend();
        var e = Refused(client);
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("truncated frame", e.Message);
        Assert.Contains("ended 10 bytes into it", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "reserved")]
    [InlineData("\u0004\0\0\0\u0042\0\0\0abcd", "unknown frame type 0x42")]
    public async Task GarbageIsRefused(string garbage, string message)
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        client.SendRawBytes(System.Text.Encoding.Latin1.GetBytes(garbage));
        var e = Refused(client);
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains(message, e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Theory]
    [InlineData(0x08, "OPEN flag bit 3 (0x08) is unknown")]
    [InlineData(0x80 | RawProtocol.FlagStream, "OPEN flag bit 7 (0x80) is unknown")]
    [InlineData(0x30, "OPEN flag bits 4, 5 (0x30) are unknown")]
    public async Task OpenWithAnUnknownFlagBitIsRefusedNamingTheBit(int flags, string message)
    {
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        using var client = server.Raw();
        var open = new RawFrameWriter();
        open.WriteOpen(RawProtocol.ModelKindBuiltIn, TestServer.BuiltIn, ParityDecoderFactory.DecoderName, "", (byte)flags);
        client.SendRawBytes(open.WrittenSpan);
        var e = Refused(client);
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Equal(RawProtocol.NoShot, e.ShotId);
        Assert.Equal(16, e.ByteOffset); // the OPEN frame, after HELLO (8 + 8 bytes)
        Assert.Contains(message, e.Message);
        Assert.Contains("bit 0 soft output, bit 1 stream mode, bit 2 early corrections", e.Message);
        var stats = await server.Grpc().GetStatsAsync(new GetStatsRequest());
        Assert.Equal(3u, stats.OpenSessions); // the bystanders' only: the refused OPEN made none
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task GarbageInsteadOfHelloIsRefused()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(server.Server.RawEndPoint!);
        var w = new RawFrameWriter();
        w.WriteShot(1, new byte[4]);
        socket.Send(w.WrittenSpan);
        var buffer = new byte[256];
        int n = 0, r;
        while ((r = socket.Receive(buffer.AsSpan(n))) > 0)
        {
            n += r;
        }
        Assert.Equal((byte)RawFrameType.Error, buffer[RawProtocol.TypeOffset]);
        Assert.Contains("before HELLO", System.Text.Encoding.UTF8.GetString(buffer, RawProtocol.HeaderSize + RawProtocol.ErrorMessageOffset, n - 32));
    }

    [Fact]
    public async Task ClientThatDisconnectsMidStreamFreesItsSession()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var grpc = server.Grpc();
        var created = await server.CreateSessionAsync(grpc);
        string ownedId;
        using (var client = server.Raw())
        {
            ownedId = client.Open(null, TestServer.BuiltIn, "parity").SessionId;
            client.SendShot(1, new byte[4]);
            client.Flush();
            client.Receive();
        }
        using (var attached = server.Raw())
        {
            attached.Attach(created.SessionId);
            attached.SendShot(1, new byte[4]);
            attached.Flush();
            attached.Receive();
            Assert.True((await grpc.GetStatsAsync(new GetStatsRequest { SessionId = created.SessionId })).Sessions[0].Attached);
        }
        GetStatsResponse stats;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(10);
            stats = await grpc.GetStatsAsync(new GetStatsRequest());
        }
        while (stats.Sessions.Any(s => s.SessionId == ownedId || s.SessionId == created.SessionId) && DateTime.UtcNow < deadline);
        Assert.DoesNotContain(stats.Sessions, s => s.SessionId == ownedId || s.SessionId == created.SessionId);
        Assert.Equal(2ul, stats.Errors["Cancelled"]);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task ShotsBeforeOpenAreFailedPrecondition()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Raw();
        client.SendShot(1, new byte[4]);
        var e = Refused(client);
        Assert.Equal(StatusCode.FailedPrecondition, e.Code);
        Assert.Equal("no session: send OPEN or ATTACH before shots", e.Message);
    }
}

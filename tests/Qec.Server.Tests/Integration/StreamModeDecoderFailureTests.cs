using Google.Protobuf;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// A streaming decoder that fails on checked input is the server's fault: that stream ends with
/// one INTERNAL naming the shot, no half-written answer goes out before it, the backlog returns to
/// zero, and every other client is unaffected. (The "throws" test decoder has no sliding window,
/// so stream mode decodes through the whole-shot fallback, which calls it after the last round.)
/// </summary>
public class StreamModeDecoderFailureTests
{
    private static DecoderRegistry Decoders()
    {
        var registry = StreamModels.Decoders();
        registry.Add(new ThrowingDecoderFactory());
        return registry;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task ADecoderFailureEndsOnlyThatStreamAsInternal(bool raw, bool wholeShot)
    {
        await using var server = await TestServer.StartAsync(decoders: Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        var shot = new byte[4];
        string expected = wholeShot
            ? "shot 4 a whole shot: the streaming decoder failed: test decoder failure"
            : "shot 4 round 5: the streaming decoder failed: test decoder failure";
        if (raw)
        {
            using var client = server.Raw();
            client.Open(null, TestServer.BuiltIn, ThrowingDecoderFactory.DecoderName, stream: true);
            if (wholeShot)
            {
                client.SendShot(4, shot);
            }
            else
            {
                for (int r = 0; r < 6; r++)
                {
                    client.SendRound(4, (uint)r, (uint)(r * 5), 5, [0], final: r == 5);
                }
            }
            client.Flush();
            var e = Assert.Throws<RawServerException>(() => client.Receive()); // the first frame back is the ERROR
            Assert.Equal(StatusCode.Internal, e.Code);
            Assert.Equal(4ul, e.ShotId);
            Assert.Equal(expected, e.Message);
        }
        else
        {
            var grpc = server.Grpc();
            var session = await grpc.CreateSessionAsync(new CreateSessionRequest
            {
                BuiltIn = TestServer.BuiltIn, Decoder = ThrowingDecoderFactory.DecoderName, RoundMode = RoundMode.Stream,
            });
            using var call = grpc.Decode();
            var request = new DecodeRequest { SessionId = session.SessionId };
            if (wholeShot)
            {
                request.Shots.Add(new Shot { ShotId = 4, DetectionEvents = ByteString.CopyFrom(shot) });
            }
            else
            {
                for (int r = 0; r < 6; r++)
                {
                    request.Shots.Add(new Shot
                    {
                        ShotId = 4,
                        Round = new Round { Index = (uint)r, FirstDetector = (uint)(r * 5), NumDetectors = 5, DetectionEvents = ByteString.CopyFrom([0]), Final = r == 5 },
                    });
                }
            }
            await call.RequestStream.WriteAsync(request);
            var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.Internal, e.StatusCode);
            Assert.Equal(expected, e.Status.Detail);
        }
        await bystanders.AssertAliveAsync();
        var stats = await server.Grpc().GetStatsAsync(new GetStatsRequest());
        Assert.Equal(0ul, stats.BacklogShots);
        Assert.Equal(1ul, stats.Errors["Internal"]);
    }
}

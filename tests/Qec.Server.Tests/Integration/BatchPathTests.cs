using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// A session whose decoder prefers batches (the counting stand-in for a GPU decoder) gets each run of
/// whole shots of a gRPC message or raw SHOTS frame, and each DecodeBatch request, in one DecodeBatch
/// call; single shots, shots sent in parts and soft output stay shot by shot. The answers are the
/// offline parity answers either way, and a failing batch is INTERNAL for its stream only.
/// </summary>
public class BatchPathTests
{
    private static readonly string Dem = TestModels.RepetitionCode();
    private static readonly int Detectors = TestModels.RepetitionDetectors();

    [Fact]
    public async Task AMessageOfManyShotsIsOneBatchCallAndAOneShotMessageIsNot()
    {
        var counting = new BatchCountingDecoderFactory();
        await using var server = await TestServer.StartAsync(decoders: counting.Registry());
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, BatchCountingDecoderFactory.DecoderName);
        var (shots, expected) = Sample(301, seed: 21);
        using var call = client.Decode();
        await call.RequestStream.WriteAsync(Message(session.SessionId, shots, 0, 300));
        var answered = await ReadAsync(call, 300);
        await call.RequestStream.WriteAsync(Message(session.SessionId, shots, 300, 1));
        answered.AddRange(await ReadAsync(call, 1));
        await call.RequestStream.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, 301).Select(s => (ulong)(1000 + s)), answered.Select(c => c.ShotId));
        Assert.Equal(expected, answered.Select(c => c.ObservableFlips[0]));
        Assert.Equal([300], counting.BatchSizes);
        Assert.Equal(1, counting.SingleShots);
        var stats = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.Equal(301ul, stats.Sessions[0].ShotsDecoded);
        Assert.Equal(0ul, stats.BacklogShots);
    }

    [Fact]
    public async Task ShotsSentInPartsEndARunAndAreDecodedAlone()
    {
        var counting = new BatchCountingDecoderFactory();
        await using var server = await TestServer.StartAsync(decoders: counting.Registry());
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, BatchCountingDecoderFactory.DecoderName);
        var (shots, expected) = Sample(8, seed: 22);
        // Shots 0-2 whole, shot 3 in two rounds, shots 4-7 whole: runs of 3 and 4 around one assembled shot.
        var request = Message(session.SessionId, shots, 0, 3);
        for (int r = 0; r < 2; r++)
        {
            var part = RawStreamingTests.Bits(shots.AsSpan(3 * 4, 4), r * 15, 15);
            request.Shots.Add(new Shot
            {
                ShotId = 1003,
                Round = new Round { Index = (uint)r, FirstDetector = (uint)(r * 15), NumDetectors = 15, DetectionEvents = ByteString.CopyFrom(part), Final = r == 1 },
            });
        }
        request.Shots.Add(Message(session.SessionId, shots, 4, 4).Shots);
        using var call = client.Decode();
        await call.RequestStream.WriteAsync(request);
        var answered = await ReadAsync(call, 8);
        await call.RequestStream.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, 8).Select(s => (ulong)(1000 + s)), answered.Select(c => c.ShotId));
        Assert.Equal(expected, answered.Select(c => c.ObservableFlips[0]));
        Assert.Equal([3, 4], counting.BatchSizes);
        Assert.Equal(1, counting.SingleShots);
    }

    [Fact]
    public async Task ABadShotEndsTheRunAfterTheShotsBeforeItAreAnswered()
    {
        var counting = new BatchCountingDecoderFactory();
        await using var server = await TestServer.StartAsync(decoders: counting.Registry());
        await using var bystanders = await Bystanders.OpenAsync(server);
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, BatchCountingDecoderFactory.DecoderName);
        var (shots, expected) = Sample(6, seed: 23);
        var request = Message(session.SessionId, shots, 0, 6);
        request.Shots[3].DetectionEvents = ByteString.CopyFrom([0, 0, 0, 0x80]); // a padding bit set
        using var call = client.Decode();
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var answered = call.ResponseStream.Current.Corrections;
        Assert.Equal([1000ul, 1001ul, 1002ul], answered.Select(c => c.ShotId));
        Assert.Equal(expected[..3], answered.Select(c => c.ObservableFlips[0]));
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("shot 1003: padding bits set in byte 3", e.Status.Detail);
        Assert.Equal([3], counting.BatchSizes);
        Assert.Equal(0, counting.SingleShots);
        var stats = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.Equal(3ul, stats.Sessions[0].ShotsDecoded);
        Assert.Equal(0ul, stats.BacklogShots);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task ARawShotsFrameIsOneBatchCallAndShotFramesAreNot()
    {
        var counting = new BatchCountingDecoderFactory();
        await using var server = await TestServer.StartAsync(decoders: counting.Registry());
        using var client = server.Raw();
        client.Open(Dem, null, BatchCountingDecoderFactory.DecoderName);
        var (shots, expected) = Sample(503, seed: 24);
        client.SendShots(0, 500, shots.AsSpan(0, 500 * 4));
        for (int s = 500; s < 503; s++)
        {
            client.SendShot((ulong)s, shots.AsSpan(s * 4, 4));
        }
        client.Flush();
        var flips = new List<byte>();
        while (flips.Count < 503)
        {
            var reply = client.Receive();
            Assert.Equal((ulong)flips.Count, reply.ShotId);
            Assert.Equal(flips.Count == 0 ? RawFrameType.Corrections : RawFrameType.Correction, reply.Type);
            flips.AddRange(reply.Flips(1).ToArray());
        }
        Assert.Equal(expected, flips);
        Assert.Equal([500], counting.BatchSizes);
        Assert.Equal(3, counting.SingleShots);
    }

    [Fact]
    public async Task ADecodeBatchRequestIsOneBatchCallAndSoftOutputStaysShotByShot()
    {
        var counting = new BatchCountingDecoderFactory();
        await using var server = await TestServer.StartAsync(decoders: counting.Registry());
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, BatchCountingDecoderFactory.DecoderName);
        var (shots, expected) = Sample(700, seed: 25);
        var reply = await client.DecodeBatchAsync(new DecodeBatchRequest { SessionId = session.SessionId, NumShots = 700, DetectionEvents = ByteString.CopyFrom(shots) });
        Assert.Equal(expected, reply.ObservableFlips.ToByteArray());
        Assert.Equal([700], counting.BatchSizes);

        // Soft output has no batch form: a message of 50 shots is 50 single decodes, each with its weight.
        var soft = await server.CreateSessionAsync(client, BatchCountingDecoderFactory.DecoderName, softOutput: true);
        using var call = client.Decode();
        await call.RequestStream.WriteAsync(Message(soft.SessionId, shots, 0, 50));
        var answered = await ReadAsync(call, 50);
        await call.RequestStream.CompleteAsync();
        Assert.Equal(expected[..50], answered.Select(c => c.ObservableFlips[0]));
        Assert.All(answered, c => Assert.True(c.HasWeight));
        Assert.Equal([700], counting.BatchSizes);
        Assert.Equal(50, counting.SingleShots);
    }

    [Fact]
    public async Task AFailingBatchIsInternalForItsStreamOnly()
    {
        var counting = new BatchCountingDecoderFactory();
        await using var server = await TestServer.StartAsync(decoders: counting.Registry());
        await using var bystanders = await Bystanders.OpenAsync(server);
        var failing = new Dictionary<string, string> { ["fail"] = "1" };
        var shots = Shots.Random(10, Detectors, seed: 26);
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, BatchCountingDecoderFactory.DecoderName, failing);

        using (var call = client.Decode())
        {
            await call.RequestStream.WriteAsync(Message(session.SessionId, shots, 0, 10));
            var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.Internal, e.StatusCode);
            Assert.Equal("the batch of 10 shots from shot 1000: the decoder failed: test decoder failure", e.Status.Detail);
        }
        using (var call = client.Decode())
        {
            await call.RequestStream.WriteAsync(Message(session.SessionId, shots, 4, 1));
            var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.Internal, e.StatusCode);
            Assert.Equal("shot 1004: the decoder failed: test decoder failure", e.Status.Detail);
        }
        using (var raw = server.Raw())
        {
            raw.Open(Dem, null, BatchCountingDecoderFactory.DecoderName, failing);
            raw.SendShots(70, 10, shots);
            raw.Flush();
            var e = Assert.Throws<RawServerException>(() => raw.Receive());
            Assert.Equal(StatusCode.Internal, e.Code);
            Assert.Equal(70ul, e.ShotId);
            Assert.Equal("the batch of 10 shots from shot 70: the decoder failed: test decoder failure", e.Message);
        }
        var stats = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.Equal(0ul, stats.Sessions[0].ShotsDecoded);
        Assert.Equal(0ul, stats.BacklogShots);
        await bystanders.AssertAliveAsync();
    }

    /// <summary><paramref name="count"/> random shots of the rep6 model and their offline parity answers.</summary>
    private static (byte[] Shots, byte[] Expected) Sample(int count, int seed)
    {
        var shots = Shots.Random(count, Detectors, seed);
        return (shots, Shots.DecodeOffline(shots, Dem));
    }

    /// <summary>A message of shots [first, first + count) with ids 1000 + index.</summary>
    private static DecodeRequest Message(string sessionId, byte[] shots, int first, int count)
    {
        var request = new DecodeRequest { SessionId = sessionId };
        for (int s = first; s < first + count; s++)
        {
            request.Shots.Add(new Shot { ShotId = (ulong)(1000 + s), DetectionEvents = ByteString.CopyFrom(shots, s * 4, 4) });
        }
        return request;
    }

    /// <summary>Reads responses until <paramref name="count"/> corrections have come.</summary>
    private static async Task<List<Correction>> ReadAsync(AsyncDuplexStreamingCall<DecodeRequest, DecodeResponse> call, int count)
    {
        var corrections = new List<Correction>();
        while (corrections.Count < count)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            corrections.AddRange(call.ResponseStream.Current.Corrections);
        }
        return corrections;
    }
}

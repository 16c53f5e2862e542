using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>The gRPC Decode stream over real loopback sockets (TCP and Unix).</summary>
public class GrpcStreamingTests
{
    private const int Streams = 8;
    private const int ShotsPerStream = 20_000;
    private static readonly int[] ShotsPerMessage = [1, 7, 50, 100, 250, 500, 1000, 2000];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EightStreamsAreAnsweredOnceInOrderAndEqualOffline(bool unix)
    {
        await using var server = await TestServer.StartAsync();
        string dem = TestModels.RepetitionCode();
        var tasks = new Task<string>[Streams];
        for (int i = 0; i < Streams; i++)
        {
            int stream = i;
            tasks[i] = Task.Run(() => RunStreamAsync(server, unix, stream, dem));
        }
        var sessionIds = await Task.WhenAll(tasks);

        var stats = await server.Grpc().GetStatsAsync(new GetStatsRequest());
        Assert.Equal((ulong)(Streams * ShotsPerStream), stats.ShotsDecodedGrpc);
        Assert.Equal(0ul, stats.ShotsDecodedRaw);
        Assert.Equal((uint)Streams, stats.OpenSessions);
        Assert.Equal(1u, stats.CompiledDecoders); // eight sessions, one model: one compiled decoder
        Assert.Equal(0ul, stats.BacklogShots);
        Assert.Empty(stats.Errors);
        foreach (var s in stats.Sessions)
        {
            Assert.Contains(s.SessionId, sessionIds);
            Assert.Equal((ulong)ShotsPerStream, s.ShotsReceived);
            Assert.Equal((ulong)ShotsPerStream, s.ShotsDecoded);
            Assert.False(s.Attached);
        }
    }

    private static async Task<string> RunStreamAsync(TestServer server, bool unix, int stream, string dem)
    {
        var client = server.Grpc(unix);
        var session = await client.CreateSessionAsync(new CreateSessionRequest { DemText = dem, Decoder = ParityDecoderFactory.DecoderName });
        int db = (int)session.DetectorBytes;
        Assert.Equal(4, db);
        var shots = Shots.Random(ShotsPerStream, (int)session.NumDetectors, seed: 1000 + stream);
        var expected = Shots.DecodeOffline(shots, dem);
        ulong baseId = (ulong)stream << 40;

        using var call = client.Decode();
        var receiving = Task.Run(async () =>
        {
            int next = 0;
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                foreach (var c in call.ResponseStream.Current.Corrections)
                {
                    Assert.True(next < ShotsPerStream, "more corrections than shots");
                    Assert.Equal(baseId + (ulong)next, c.ShotId); // in order, each exactly once
                    Assert.Equal(expected[next], c.ObservableFlips[0]);
                    Assert.Equal(1, c.ObservableFlips.Length);
                    Assert.False(c.HasWeight);
                    next++;
                }
            }
            return next;
        });

        int perMessage = ShotsPerMessage[stream % ShotsPerMessage.Length];
        for (int sent = 0; sent < ShotsPerStream;)
        {
            var request = new DecodeRequest { SessionId = sent == 0 || stream % 2 == 0 ? session.SessionId : "" };
            for (int k = 0; k < perMessage && sent < ShotsPerStream; k++, sent++)
            {
                request.Shots.Add(new Shot { ShotId = baseId + (ulong)sent, DetectionEvents = ByteString.CopyFrom(shots, sent * db, db) });
            }
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        Assert.Equal(ShotsPerStream, await receiving);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);

        var mine = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.Equal((ulong)ShotsPerStream, Assert.Single(mine.Sessions).ShotsDecoded);
        return session.SessionId;
    }

    [Fact]
    public async Task ShotsSentRoundByRoundAreDecodedWhole()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client, softOutput: true);
        int n = (int)session.NumDetectors, db = (int)session.DetectorBytes;
        var shots = Shots.Random(200, n, seed: 5);
        var expected = Shots.DecodeOffline(shots, TestModels.RepetitionCode());
        using var call = client.Decode();
        var request = new DecodeRequest { SessionId = session.SessionId };
        for (int s = 0; s < 200; s++)
        {
            // Rounds of 5 detectors (one layer of the repetition code), last round first for odd shots.
            var order = Enumerable.Range(0, n / 5).ToArray();
            if (s % 2 == 1)
            {
                Array.Reverse(order);
            }
            foreach (int r in order)
            {
                var part = new byte[1];
                for (int j = 0; j < 5; j++)
                {
                    int k = (r * 5) + j;
                    part[0] |= (byte)(((shots[(s * db) + (k >> 3)] >> (k & 7)) & 1) << j);
                }
                request.Shots.Add(new Shot
                {
                    ShotId = (ulong)s,
                    Round = new Round { Index = (uint)r, FirstDetector = (uint)(r * 5), NumDetectors = 5, DetectionEvents = ByteString.CopyFrom(part), Final = r == order[^1] },
                });
            }
        }
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        int next = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            foreach (var c in call.ResponseStream.Current.Corrections)
            {
                Assert.Equal((ulong)next, c.ShotId);
                Assert.Equal(expected[next], c.ObservableFlips[0]);
                int events = 0;
                for (int b = 0; b < db; b++)
                {
                    events += System.Numerics.BitOperations.PopCount(shots[(next * db) + b]);
                }
                Assert.Equal(events, c.Weight); // soft output asked for: the test decoder's weight
                Assert.Equal(1.0, c.SoftOutput);
                next++;
            }
        }
        Assert.Equal(200, next);
    }

    [Fact]
    public async Task DecodeBatchEqualsOfflineAndIsCounted()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Grpc(unix: true);
        var session = await server.CreateSessionAsync(client);
        var shots = Shots.Random(5000, (int)session.NumDetectors, seed: 11);
        var reply = await client.DecodeBatchAsync(new DecodeBatchRequest
        {
            SessionId = session.SessionId,
            NumShots = 5000,
            DetectionEvents = ByteString.CopyFrom(shots),
        });
        Assert.Equal(Shots.DecodeOffline(shots, TestModels.RepetitionCode()), reply.ObservableFlips.ToByteArray());
        var stats = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.Equal(5000ul, stats.Sessions[0].ShotsDecoded);
        Assert.Equal(5000ul, stats.ShotsDecodedGrpc);
        var closed = await client.CloseSessionAsync(new CloseSessionRequest { SessionId = session.SessionId });
        Assert.Equal(5000ul, closed.ShotsDecoded);
        Assert.Equal(0u, (await client.GetStatsAsync(new GetStatsRequest())).OpenSessions);
    }

    [Fact]
    public async Task ListDecodersNamesDecodersAndBuiltInModels()
    {
        await using var server = await TestServer.StartAsync();
        var reply = await server.Grpc().ListDecodersAsync(new ListDecodersRequest());
        Assert.Equal(["bp", "bposd", "parity", "refuses", "relaybp", "tn"], reply.Decoders.Select(d => d.Name));
        Assert.Equal([TestServer.BuiltIn], reply.BuiltInModels);
    }
}

using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>The raw frame path over real loopback sockets (TCP and Unix).</summary>
public class RawStreamingTests
{
    private const int Connections = 8;
    private const int ShotsPerConnection = 20_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EightConnectionsAreAnsweredOnceInOrderAndEqualOffline(bool unix)
    {
        await using var server = await TestServer.StartAsync();
        string dem = TestModels.RepetitionCode();
        var threads = new Task<long>[Connections];
        for (int i = 0; i < Connections; i++)
        {
            int connection = i;
            threads[i] = Task.Factory.StartNew(() => RunConnection(server, unix, connection, dem), TaskCreationOptions.LongRunning);
        }
        var closedCounts = await Task.WhenAll(threads);
        Assert.All(closedCounts, c => Assert.Equal(ShotsPerConnection, c));

        var stats = await server.Grpc().GetStatsAsync(new GetStatsRequest());
        Assert.Equal((ulong)(Connections * ShotsPerConnection), stats.ShotsDecodedRaw);
        Assert.Equal(0ul, stats.ShotsDecodedGrpc);
        Assert.Equal(0u, stats.OpenSessions); // sessions opened by OPEN close with CLOSE
        Assert.Equal((ulong)Connections, stats.SessionsClosed);
        Assert.Equal(0ul, stats.BacklogShots);
        Assert.Empty(stats.Errors);
    }

    // Shots go as single SHOT frames and as SHOTS frames of varying size, flushed in bursts by
    // one thread while this thread checks every answer.
    private static long RunConnection(TestServer server, bool unix, int connection, string dem)
    {
        using var client = server.Raw(unix);
        var session = client.Open(dem, null, ParityDecoderFactory.DecoderName);
        int db = session.DetectorBytes;
        var shots = Shots.Random(ShotsPerConnection, session.NumDetectors, seed: 2000 + connection);
        var expected = Shots.DecodeOffline(shots, dem);
        ulong baseId = (ulong)connection << 40;
        int perFrame = 1 + (connection * 37 % 200);
        var sender = Task.Factory.StartNew(() =>
        {
            int frames = 0;
            for (int sent = 0; sent < ShotsPerConnection;)
            {
                if (frames % 2 == 0 || connection == 0)
                {
                    client.SendShot(baseId + (ulong)sent, shots.AsSpan(sent * db, db));
                    sent++;
                }
                else
                {
                    int n = Math.Min(perFrame, ShotsPerConnection - sent);
                    client.SendShots(baseId + (ulong)sent, n, shots.AsSpan(sent * db, n * db));
                    sent += n;
                }
                if (++frames % 64 == 0)
                {
                    client.Flush();
                }
            }
            client.Flush();
        }, TaskCreationOptions.LongRunning);

        int next = 0;
        while (next < ShotsPerConnection)
        {
            var reply = client.Receive();
            Assert.True(reply.Type is RawFrameType.Correction or RawFrameType.Corrections, $"unexpected {reply.Type}");
            Assert.Equal(baseId + (ulong)next, reply.ShotId);
            var flips = reply.Flips(1);
            for (int k = 0; k < reply.Count; k++, next++)
            {
                Assert.Equal(expected[next], flips[k]);
            }
        }
        sender.Wait();
        return client.CloseSession();
    }

    [Fact]
    public async Task RoundsAndSoftOutputAndAttachToAGrpcSession()
    {
        await using var server = await TestServer.StartAsync();
        var grpc = server.Grpc();
        var created = await server.CreateSessionAsync(grpc, softOutput: true);
        using var client = server.Raw(unix: true);
        var session = client.Attach(created.SessionId);
        Assert.Equal(created.SessionId, session.SessionId);
        int n = session.NumDetectors, db = session.DetectorBytes;
        var shots = Shots.Random(50, n, seed: 8);
        var expected = Shots.DecodeOffline(shots, TestModels.RepetitionCode());
        for (int s = 0; s < 50; s++)
        {
            // Two unaligned parts: detectors 0..12 and 13..29.
            client.SendRound((ulong)s, 0, 0, 13, Bits(shots.AsSpan(s * db, db), 0, 13), final: false);
            client.SendRound((ulong)s, 1, 13, (uint)(n - 13), Bits(shots.AsSpan(s * db, db), 13, n - 13), final: true);
        }
        client.Flush();
        for (int s = 0; s < 50; s++)
        {
            var reply = client.Receive();
            Assert.Equal(RawFrameType.Correction, reply.Type);
            Assert.Equal((ulong)s, reply.ShotId);
            Assert.Equal(expected[s], reply.Flips(1)[0]);
            Assert.True(reply.HasSoftOutput);
            Assert.Equal(1.0, reply.Soft(1).SoftOutput);
        }
        Assert.Equal(50, client.CloseSession());
        // CLOSE detached the gRPC-made session; it is still open for others.
        var stats = await grpc.GetStatsAsync(new GetStatsRequest { SessionId = created.SessionId });
        Assert.False(stats.Sessions[0].Attached);
        Assert.Equal(50ul, stats.Sessions[0].ShotsDecoded);
    }

    [Fact]
    public async Task EchoReturnsThePayload()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Raw();
        byte[] payload = [1, 2, 3, 250];
        client.SendEcho(payload);
        client.Flush();
        var reply = client.Receive();
        Assert.Equal(RawFrameType.EchoReply, reply.Type);
        Assert.Equal(payload, reply.Payload.ToArray());
    }

    internal static byte[] Bits(ReadOnlySpan<byte> shot, int first, int count)
    {
        var part = new byte[(count + 7) >> 3];
        for (int j = 0; j < count; j++)
        {
            int k = first + j;
            part[j >> 3] |= (byte)(((shot[k >> 3] >> (k & 7)) & 1) << (j & 7));
        }
        return part;
    }
}

using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// Stream mode over the raw path: ROUND frames answered exactly as the offline streaming decoder
/// answers the same rounds (CORRECTION, and COMMITTED frames with early corrections), SHOT and
/// SHOTS on a stream session, OPENED's stream fields, and a 5,000-round model streamed whole.
/// </summary>
public class StreamModeRawTests
{
    /// <summary>As <see cref="StreamModeGrpcTests.RoundByRoundEqualsOfflineStreaming"/>, over TCP and Unix sockets, other seed.</summary>
    [Theory]
    [InlineData(StreamModels.Surface, 23UL, 5.0, true, false, true)]
    [InlineData(StreamModels.Surface, 23UL, 5.0, false, true, true)]
    [InlineData(StreamModels.Repetition, 46UL, 3.0, true, true, false)]
    public async Task RoundByRoundEqualsOfflineStreaming(string name, ulong count, double noise, bool early, bool unix, bool exactErrors)
    {
        var scenario = StreamScenario.Create(name, count, noise, shots: 40, seed: 23, window: 8, commit: 4);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        using var client = server.Raw(unix);
        var session = client.Open(scenario.DemText, null, scenario.Decoder, scenario.Options, stream: true, earlyCorrections: early);
        Assert.True(session.Stream);
        Assert.Equal(early, session.EarlyCorrections);
        Assert.Equal(scenario.Layout.NumRounds, session.NumRounds);
        Assert.Equal(8, session.WindowRounds);
        Assert.Equal(4, session.CommitRounds);
        Assert.Equal(scenario.Layout.NumDetectors, session.NumDetectors);

        var sender = Task.Factory.StartNew(() => SendRounds(client, scenario, 0, scenario.Shots, firstShotId: 77), TaskCreationOptions.LongRunning);
        var answers = Receive(client, scenario, scenario.Shots);
        await sender;
        scenario.AssertAnswers(answers, early, firstShotId: 77);
        scenario.AssertAccuracy(answers, exactErrors);
        Assert.Equal(scenario.Shots, client.CloseSession());

        var stats = await server.Grpc().GetStatsAsync(new GetStatsRequest());
        Assert.Equal((ulong)scenario.Shots, stats.ShotsDecodedRaw);
        Assert.Equal(0ul, stats.BacklogShots);
        Assert.Empty(stats.Errors);
    }

    [Fact]
    public async Task ShotAndShotsFramesOnAStreamSessionAnswerAsRoundByRound()
    {
        var scenario = StreamScenario.Create(StreamModels.Surface, 23, 5.0, shots: 30, seed: 29, window: 8, commit: 4);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        using var client = server.Raw();
        var session = client.Open(scenario.DemText, null, scenario.Decoder, scenario.Options, softOutput: true, stream: true, earlyCorrections: true);
        int db = scenario.DetectorBytes, ob = scenario.ObservableBytes;
        // Shots 0..9 as SHOT, 10 round by round, 11..29 as one SHOTS frame.
        for (int s = 0; s < 10; s++)
        {
            client.SendShot((ulong)s, scenario.Shot(s));
        }
        SendRounds(client, scenario, 10, 1, firstShotId: 10);
        client.SendShots(11, 19, scenario.Detections.AsSpan(11 * db, 19 * db));
        client.Flush();
        int next = 0, partials = 0;
        while (next < scenario.Shots)
        {
            var reply = client.Receive();
            if (reply.Type == RawFrameType.Committed)
            {
                Assert.Equal(10ul, reply.ShotId);
                Assert.Equal(scenario.Offline[10].Partials[partials].Flips, reply.Flips(ob).ToArray());
                partials++;
                continue;
            }
            Assert.True(reply.Type is RawFrameType.Correction or RawFrameType.Corrections, $"unexpected {reply.Type}");
            Assert.Equal((ulong)next, reply.ShotId);
            Assert.True(reply.HasSoftOutput);
            var flips = reply.Flips(ob);
            for (int k = 0; k < reply.Count; k++, next++)
            {
                Assert.Equal(scenario.Offline[next].Final, flips.Slice(k * ob, ob).ToArray());
                var (weight, soft) = reply.Soft(ob, k);
                Assert.True(double.IsNaN(weight) && double.IsNaN(soft), "soft output is not available in stream mode");
            }
        }
        Assert.Equal(scenario.Offline[10].Partials.Count, partials);
        Assert.Equal(scenario.Shots, client.CloseSession());
        Assert.True(session.SoftOutput);
    }

    [Fact]
    public async Task AttachingToAGrpcStreamSessionReportsItsRounds()
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 10, 3.0, shots: 5, seed: 3, window: 4, commit: 2);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var created = await server.Grpc().CreateSessionAsync(StreamModeGrpcTests.Request(scenario, early: true));
        using var client = server.Raw(unix: true);
        var session = client.Attach(created.SessionId);
        Assert.True(session.Stream);
        Assert.True(session.EarlyCorrections);
        Assert.Equal((int)created.NumRounds, session.NumRounds);
        Assert.Equal(4, session.WindowRounds);
        Assert.Equal(2, session.CommitRounds);
        SendRounds(client, scenario, 0, scenario.Shots, firstShotId: 0);
        scenario.AssertAnswers(Receive(client, scenario, scenario.Shots), early: true);
        Assert.Equal(scenario.Shots, client.CloseSession());
    }

    /// <summary>
    /// A 5,001-round repetition code (20,000 detectors, default window): three shots streamed
    /// round by round with early corrections, each answer equal to the offline streaming decoder's.
    /// </summary>
    [Fact]
    public async Task AFiveThousandRoundShotIsAnsweredAsOffline()
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 4998, 3.0, shots: 3, seed: 41, window: 12, commit: 6);
        Assert.Equal(5001, scenario.Layout.NumRounds);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        using var client = server.Raw();
        client.Open(scenario.DemText, null, scenario.Decoder, scenario.Options, stream: true, earlyCorrections: true);
        var sender = Task.Factory.StartNew(() => SendRounds(client, scenario, 0, scenario.Shots, firstShotId: 0), TaskCreationOptions.LongRunning);
        var answers = Receive(client, scenario, scenario.Shots);
        await sender;
        scenario.AssertAnswers(answers, early: true);
        Assert.True(answers.Count > 3 * 800, "about (5001 - 12) / 6 windows commit per shot");
    }

    // Buffers every round of shots [first, first + count) and flushes now and then.
    internal static void SendRounds(RawDecoderClient client, StreamScenario scenario, int first, int count, ulong firstShotId)
    {
        var layout = scenario.Layout;
        int frames = 0;
        for (int s = first; s < first + count; s++)
        {
            for (int r = 0; r < layout.NumRounds; r++)
            {
                client.SendRound(firstShotId + (ulong)s - (ulong)first, (uint)r, (uint)layout.RoundFirstDetector(r), (uint)layout.RoundSize(r),
                    scenario.Round(s, r), final: r == layout.NumRounds - 1);
                if (++frames % 256 == 0)
                {
                    client.Flush();
                }
            }
        }
        client.Flush();
    }

    // Reads COMMITTED and CORRECTION frames until `shots` corrections arrived.
    internal static List<StreamAnswer> Receive(RawDecoderClient client, StreamScenario scenario, int shots)
    {
        int ob = scenario.ObservableBytes;
        var answers = new List<StreamAnswer>();
        for (int finals = 0; finals < shots;)
        {
            var reply = client.Receive();
            switch (reply.Type)
            {
                case RawFrameType.Committed:
                    answers.Add(new StreamAnswer(reply.ShotId, true, reply.CommittedRounds, reply.Flips(ob).ToArray()));
                    break;
                case RawFrameType.Correction:
                    answers.Add(new StreamAnswer(reply.ShotId, false, scenario.Layout.NumRounds, reply.Flips(ob).ToArray()));
                    finals++;
                    break;
                default:
                    Assert.Fail($"unexpected frame {reply.Type}");
                    break;
            }
        }
        return answers;
    }
}

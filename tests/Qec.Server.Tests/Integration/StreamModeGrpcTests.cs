using Google.Protobuf;
using Grpc.Core;
using Qec.Core.Dem;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;
using Xunit.Abstractions;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// Stream mode over gRPC: shots sent round by round are answered exactly as the offline streaming
/// decoder answers the same rounds (final and, with early corrections, partial frames), whole shots
/// on a stream session answer the same, and long models are taken without flattening them.
/// </summary>
public class StreamModeGrpcTests(ITestOutputHelper output)
{
    /// <summary>
    /// d=5 surface code (51 rounds, noise ×5) and d=5 repetition code (49 rounds, noise ×3), window
    /// 8, commit 4 (about 11 windows commit per shot), 40 shots. Logical error count against
    /// whole-shot mwpm on the same shots: exact where the data shows equality (surface code: 5 and
    /// 5), otherwise within <see cref="StreamScenario.Tolerance"/> (repetition code: window 8 is
    /// short for p = 3%).
    /// </summary>
    [Theory]
    [InlineData(StreamModels.Surface, 23UL, 5.0, false, true)]
    [InlineData(StreamModels.Surface, 23UL, 5.0, true, true)]
    [InlineData(StreamModels.Repetition, 46UL, 3.0, true, false)]
    [InlineData(StreamModels.Repetition, 46UL, 3.0, false, false)]
    public async Task RoundByRoundEqualsOfflineStreaming(string name, ulong count, double noise, bool early, bool exactErrors)
    {
        var scenario = StreamScenario.Create(name, count, noise, shots: 40, seed: 17, window: 8, commit: 4);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var client = server.Grpc();
        var session = await client.CreateSessionAsync(Request(scenario, early));
        Assert.Equal((uint)scenario.Layout.NumRounds, session.NumRounds);
        Assert.Equal((uint)scenario.Layout.NumDetectors, session.NumDetectors);
        Assert.Equal(8u, session.WindowRounds);
        Assert.Equal(4u, session.CommitRounds);
        Assert.Equal("", session.Note);

        var answers = await SendRoundByRoundAsync(client, session.SessionId, scenario, firstShotId: 1000, shotsPerMessage: 3);
        scenario.AssertAnswers(answers, early, firstShotId: 1000);

        var (errors, whole) = scenario.AssertAccuracy(answers, exactErrors);
        output.WriteLine($"{name} x{count}: {scenario.Layout.NumRounds} rounds, {errors} logical errors streaming, {whole} whole-shot, of {scenario.Shots}");

        var stats = await client.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
        Assert.Equal((ulong)scenario.Shots, stats.Sessions[0].ShotsReceived);
        Assert.Equal((ulong)scenario.Shots, stats.Sessions[0].ShotsDecoded);
        Assert.Equal((ulong)scenario.Shots, stats.ShotsDecodedGrpc);
        Assert.Equal(0ul, stats.BacklogShots);
        Assert.Empty(stats.Errors);
    }

    [Fact]
    public async Task WholeShotsAndBatchesOnAStreamSessionAnswerAsRoundByRound()
    {
        var scenario = StreamScenario.Create(StreamModels.Surface, 23, 5.0, shots: 30, seed: 5, window: 8, commit: 4);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var client = server.Grpc();
        var session = await client.CreateSessionAsync(Request(scenario, early: true));
        using var call = client.Decode();
        // Whole shots, with shot 7 sent round by round in between (its partials come too).
        var request = new DecodeRequest { SessionId = session.SessionId };
        for (int s = 0; s < scenario.Shots; s++)
        {
            if (s == 7)
            {
                AddRounds(request, scenario, s, (ulong)s);
                continue;
            }
            request.Shots.Add(new Shot { ShotId = (ulong)s, DetectionEvents = ByteString.CopyFrom(scenario.Shot(s)) });
        }
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        var answers = await ReadAllAsync(call);
        Assert.Equal(scenario.Shots + scenario.Offline[7].Partials.Count, answers.Count);
        int next = 0;
        foreach (var a in answers)
        {
            if (a.Partial)
            {
                Assert.Equal(7ul, a.ShotId);
                continue;
            }
            Assert.Equal((ulong)next, a.ShotId);
            Assert.Equal(scenario.Offline[next].Final, a.Flips);
            Assert.Equal(scenario.Layout.NumRounds, a.CommittedRounds);
            next++;
        }

        var batch = await client.DecodeBatchAsync(new DecodeBatchRequest
        {
            SessionId = session.SessionId,
            NumShots = (uint)scenario.Shots,
            DetectionEvents = ByteString.CopyFrom(scenario.Detections),
        });
        for (int s = 0; s < scenario.Shots; s++)
        {
            Assert.Equal(scenario.Offline[s].Final, batch.ObservableFlips.Span.Slice(s * scenario.ObservableBytes, scenario.ObservableBytes).ToArray());
        }
        Assert.Empty(batch.SoftOutput);
    }

    [Fact]
    public async Task ADecoderWithoutAWindowFallsBackToWholeShotsAndSaysSo()
    {
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var client = server.Grpc();
        // The parity test decoder on the built-in repetition code: 6 rounds of 5 detectors (time coordinate t).
        var session = await client.CreateSessionAsync(new CreateSessionRequest
        {
            BuiltIn = TestServer.BuiltIn, Decoder = ParityDecoderFactory.DecoderName, RoundMode = RoundMode.Stream, SoftOutput = true,
        });
        Assert.Equal(6u, session.NumRounds);
        Assert.Equal(0u, session.WindowRounds);
        Assert.Equal(0u, session.CommitRounds);
        Assert.Contains("no sliding-window mode", session.Note);
        int n = (int)session.NumDetectors, db = (int)session.DetectorBytes;
        var shots = Shots.Random(20, n, seed: 31);
        var expected = Shots.DecodeOffline(shots, TestModels.RepetitionCode());
        using var call = client.Decode();
        var request = new DecodeRequest { SessionId = session.SessionId };
        for (int s = 0; s < 20; s++)
        {
            for (int r = 0; r < 6; r++)
            {
                var part = RawStreamingTests.Bits(shots.AsSpan(s * db, db), r * 5, 5);
                request.Shots.Add(new Shot
                {
                    ShotId = (ulong)s,
                    Round = new Round { Index = (uint)r, FirstDetector = (uint)(r * 5), NumDetectors = 5, DetectionEvents = ByteString.CopyFrom(part), Final = r == 5 },
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
                Assert.False(c.HasWeight); // soft output is not available in stream mode
                Assert.False(c.HasSoftOutput);
                next++;
            }
        }
        Assert.Equal(20, next);
    }

    /// <summary>
    /// A repetition code of 5,000,003 rounds has about 20,000,000 detectors, more than the 2^24 a whole
    /// shot may have: stream mode takes it (without flattening it), assemble mode refuses it with
    /// the existing limit message.
    /// </summary>
    [Fact]
    public async Task ALongModelIsTakenInStreamModeAndRefusedInAssembleMode()
    {
        var model = StreamModels.Model(StreamModels.Repetition, 5_000_000);
        string text = model.ToString();
        Assert.True(model.NumDetectors > (ulong)Qec.Server.Sessions.SessionRegistry.MaxDetectors);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var client = server.Grpc();
        var session = await client.CreateSessionAsync(new CreateSessionRequest { DemText = text, Decoder = "mwpm", RoundMode = RoundMode.Stream });
        // The source: 10,000 measurement rounds (repeat 9998) plus the final data-qubit layer = 10,001 time steps.
        Assert.Equal(5_000_003u, session.NumRounds);
        Assert.Equal((uint)Core.Decoding.Streaming.RoundLayout.Analyse(model, 0, 1).NumRounds, session.NumRounds);
        Assert.Equal(model.NumDetectors, session.NumDetectors);
        Assert.Equal((uint)((model.NumDetectors + 7) / 8), session.DetectorBytes);
        Assert.True(session.WindowRounds > 0);

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateSessionAsync(new CreateSessionRequest { DemText = text, Decoder = "mwpm" }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal($"dem: {model.NumDetectors} detectors and 1 observables: this server takes at most {1 << 24} of each", e.Status.Detail);

        // Limits of what stream mode flattens: a decoder without a window needs the whole shot, a
        // huge window a huge stretch of the model.
        e = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateSessionAsync(
            new CreateSessionRequest { DemText = text, Decoder = ParityDecoderFactory.DecoderName, RoundMode = RoundMode.Stream }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("decoder 'parity' cannot stream this model: it has no sliding-window mode", e.Status.Detail);
        Assert.Contains($"{model.NumDetectors} detectors exceed the whole-shot limit of {1 << 24}", e.Status.Detail);
        var huge = new CreateSessionRequest { DemText = text, Decoder = "mwpm", RoundMode = RoundMode.Stream };
        huge.Options.Add("window", "5000000");
        e = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateSessionAsync(huge));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("decoder 'mwpm' cannot stream this model: a window of 5000000 rounds needs a stretch of up to", e.Status.Detail);
        Assert.EndsWith("use a smaller window (option window)", e.Status.Detail);
    }

    [Fact]
    public async Task EarlyCorrectionsOutsideStreamModeAndUnknownModesAreRefused()
    {
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        var client = server.Grpc();
        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateSessionAsync(
            new CreateSessionRequest { BuiltIn = TestServer.BuiltIn, Decoder = "mwpm", EarlyCorrections = true }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("early corrections need stream mode (gRPC: round_mode = ROUND_MODE_STREAM; raw: OPEN flag bit 1)", e.Status.Detail);
        e = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateSessionAsync(
            new CreateSessionRequest { BuiltIn = TestServer.BuiltIn, Decoder = "mwpm", RoundMode = (RoundMode)7 }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("round mode 7 is unknown: 0 (assemble) or 1 (stream)", e.Status.Detail);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task AModelWithoutRoundsIsRefusedNamingTheDecoderAndTheReason()
    {
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        var client = server.Grpc();
        var request = new CreateSessionRequest { DemText = "error(0.1) D0 D1\nerror(0.1) D1 L0\nerror(0.1) D0\n", Decoder = "mwpm", RoundMode = RoundMode.Stream };
        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateSessionAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(
            "decoder 'mwpm' cannot stream this model: detector D0 has no coordinates, so its round (time coordinate) is unknown; pass detectors_per_round=N",
            e.Status.Detail);
        // With explicit rounds the same model streams.
        request.Options.Add("detectors_per_round", "1");
        var session = await client.CreateSessionAsync(request);
        Assert.Equal(2u, session.NumRounds);
        await bystanders.AssertAliveAsync();
    }

    internal static CreateSessionRequest Request(StreamScenario scenario, bool early)
    {
        var request = new CreateSessionRequest { DemText = scenario.DemText, Decoder = scenario.Decoder, RoundMode = RoundMode.Stream, EarlyCorrections = early };
        request.Options.Add(scenario.Options);
        return request;
    }

    internal static void AddRounds(DecodeRequest request, StreamScenario scenario, int s, ulong shotId)
    {
        var layout = scenario.Layout;
        for (int r = 0; r < layout.NumRounds; r++)
        {
            request.Shots.Add(new Shot
            {
                ShotId = shotId,
                Round = new Round
                {
                    Index = (uint)r,
                    FirstDetector = (uint)layout.RoundFirstDetector(r),
                    NumDetectors = (uint)layout.RoundSize(r),
                    DetectionEvents = ByteString.CopyFrom(scenario.Round(s, r)),
                    Final = r == layout.NumRounds - 1,
                },
            });
        }
    }

    // Sends every shot round by round (a few shots per message) while another task reads.
    private static async Task<List<StreamAnswer>> SendRoundByRoundAsync(Protocol.Decoder.DecoderClient client, string sessionId,
        StreamScenario scenario, ulong firstShotId, int shotsPerMessage)
    {
        using var call = client.Decode();
        var reading = ReadAllAsync(call);
        for (int s = 0; s < scenario.Shots;)
        {
            var request = new DecodeRequest { SessionId = sessionId };
            for (int k = 0; k < shotsPerMessage && s < scenario.Shots; k++, s++)
            {
                AddRounds(request, scenario, s, firstShotId + (ulong)s);
            }
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var answers = await reading;
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        return answers;
    }

    internal static async Task<List<StreamAnswer>> ReadAllAsync(AsyncDuplexStreamingCall<DecodeRequest, DecodeResponse> call)
    {
        var answers = new List<StreamAnswer>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            foreach (var c in call.ResponseStream.Current.Corrections)
            {
                Assert.False(c.HasWeight);
                answers.Add(new StreamAnswer(c.ShotId, c.Partial, (int)c.CommittedRounds, c.ObservableFlips.ToByteArray()));
            }
        }
        return answers;
    }
}

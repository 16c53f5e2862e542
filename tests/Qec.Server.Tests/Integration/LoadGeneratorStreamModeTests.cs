using Qec.Server.Load;
using Qec.Server.Sessions;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// The load generator in stream round mode: sessions open in stream mode and every shot leaves round
/// by round. The truth given to it is the offline streaming decoder's answer on the same rounds with
/// every third shot flipped, so its logical-error count is exactly the flipped shots it measured if and
/// only if every correction over the wire equals the in-process one; rounds, shots, latency samples and
/// (with early corrections) partial corrections are counted exactly, warm-up excluded.
/// </summary>
public class LoadGeneratorStreamModeTests
{
    private const int PoolShots = 30, Warmup = 5, Measured = 40, Streams = 2;

    [Theory]
    [InlineData(LoadTransport.Raw, 1, true)]
    [InlineData(LoadTransport.Raw, 1, false)]
    [InlineData(LoadTransport.Raw, 3, false)]
    [InlineData(LoadTransport.RawUnix, 3, true)]
    [InlineData(LoadTransport.Grpc, 1, true)]
    [InlineData(LoadTransport.Grpc, 3, true)]
    [InlineData(LoadTransport.GrpcUnix, 1, false)]
    public async Task StreamRoundModeCountsEveryRoundAndShotAndAnswersAsOffline(LoadTransport transport, int inFlight, bool early)
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 10, 3.0, shots: PoolShots, seed: 21, window: 4, commit: 2);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var truth = new byte[PoolShots * scenario.ObservableBytes];
        for (int s = 0; s < PoolShots; s++)
        {
            scenario.Offline[s].Final.CopyTo(truth, s * scenario.ObservableBytes);
            truth[s * scenario.ObservableBytes] ^= (byte)(s % 3 == 0 ? 1 : 0);
        }
        var pool = new ShotPool(scenario.Detections, truth, PoolShots, scenario.DetectorBytes, scenario.ObservableBytes);
        var settings = new LoadSettings
        {
            DemText = scenario.DemText, Decoder = scenario.Decoder, Options = scenario.Options, Streams = Streams,
            ShotsPerStream = Measured, WarmupShots = Warmup, InFlight = inFlight,
            RoundMode = SessionMode.Stream, EarlyCorrections = early, Rounds = LoadSettings.RoundsOf(scenario.Model, scenario.Options),
        };
        Assert.Equal(scenario.Layout.NumRounds, settings.Rounds!.NumRounds);

        var result = await LoadGenerator.RunAsync(Target(server, transport), settings, pool);

        long flipped = 0, partials = 0;
        for (long s = Warmup; s < Warmup + Measured; s++)
        {
            flipped += s % PoolShots % 3 == 0 ? 1 : 0;
            partials += scenario.Offline[s % PoolShots].Partials.Count;
        }
        Assert.True(partials > Measured, $"only {partials} partial corrections offline: the model is too short to test early corrections");
        Assert.Equal(Streams * Measured, result.Shots);
        Assert.Equal((long)Streams * Measured * scenario.Layout.NumRounds, result.Rounds);
        Assert.Equal(Streams * Measured, result.LatencyMicros.Count);
        Assert.Equal(Streams * Measured, result.DecoderMicros.Count);
        Assert.True(result.LatencyMicros.P50 > 0);
        Assert.Equal(Streams * flipped, result.LogicalErrors);
        Assert.Equal(early ? Streams * partials : 0, result.EarlyCorrections);
    }

    /// <summary>
    /// A window commits after every round of a 40,000-round shot, so its early corrections (tens of
    /// thousands of frames or messages) arrive while the rounds are still being sent; one in flight, no
    /// rate. Unread until the last round, they fill the socket and stall client and server (measured:
    /// the lockstep loop hung past the 120 s limit on both paths; reading them as they come takes seconds).
    /// </summary>
    [Theory]
    [InlineData(LoadTransport.RawUnix)]
    [InlineData(LoadTransport.Grpc)]
    public async Task EarlyCorrectionsOfALongShotAreReadWhileItsRoundsAreSent(LoadTransport transport)
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 40000, 1.0, shots: 1, seed: 8, window: 2, commit: 1);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var pool = new ShotPool(scenario.Detections, scenario.Offline[0].Final, 1, scenario.DetectorBytes, scenario.ObservableBytes);
        var settings = new LoadSettings
        {
            DemText = scenario.DemText, Decoder = scenario.Decoder, Options = scenario.Options, ShotsPerStream = 1, WarmupShots = 0,
            RoundMode = SessionMode.Stream, EarlyCorrections = true, Rounds = LoadSettings.RoundsOf(scenario.Model, scenario.Options),
        };
        var result = await LoadGenerator.RunAsync(Target(server, transport), settings, pool).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(1, result.Shots);
        Assert.Equal(0, result.LogicalErrors);
        Assert.Equal(scenario.Offline[0].Partials.Count, result.EarlyCorrections);
        Assert.True(result.EarlyCorrections > 30_000, $"{result.EarlyCorrections} early corrections");
    }

    [Fact]
    public async Task StreamRoundModeRefusesAModelWithOtherRoundsThanTheServers()
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 10, 3.0, shots: 4, seed: 2, window: 4, commit: 2);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var pool = new ShotPool(scenario.Detections, null, 4, scenario.DetectorBytes, scenario.ObservableBytes);
        var options = new Dictionary<string, string>(scenario.Options) { ["detectors_per_round"] = "2" };
        var settings = new LoadSettings
        {
            DemText = scenario.DemText, Decoder = scenario.Decoder, Options = scenario.Options, ShotsPerStream = 4, WarmupShots = 0,
            RoundMode = SessionMode.Stream, Rounds = LoadSettings.RoundsOf(scenario.Model, options),
        };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => LoadGenerator.RunAsync(Target(server, LoadTransport.Raw), settings, pool));
        Assert.Contains($"takes {scenario.Layout.NumRounds} rounds per shot, but the model here has {2 * scenario.Layout.NumRounds}", e.Message);
    }

    [Theory]
    [InlineData(2, false, false, "stream round mode sends one shot at a time")]
    [InlineData(1, true, false, "stream round mode sends one shot at a time")]
    [InlineData(1, false, true, "early corrections come only in stream round mode")]
    public void StreamRoundModeSettingsAreChecked(int perMessage, bool echo, bool earlyWithoutStream, string message)
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 2, 1.0, shots: 1, seed: 2, window: 4, commit: 2);
        var settings = new LoadSettings
        {
            DemText = scenario.DemText, ShotsPerMessage = perMessage, Echo = echo,
            RoundMode = earlyWithoutStream ? SessionMode.Assemble : SessionMode.Stream, EarlyCorrections = earlyWithoutStream,
            Rounds = LoadSettings.RoundsOf(scenario.Model, scenario.Options),
        };
        Assert.Contains(message, Assert.Throws<ArgumentException>(settings.Validate).Message);
    }

    private static LoadTarget Target(TestServer server, LoadTransport transport) => transport switch
    {
        LoadTransport.Raw => new LoadTarget(transport, RawEndPoint: server.Server.RawEndPoint),
        LoadTransport.RawUnix => new LoadTarget(transport, UnixSocket: server.Server.RawUnixSocket),
        LoadTransport.Grpc => new LoadTarget(transport, GrpcAddress: server.Server.GrpcAddress),
        _ => new LoadTarget(transport, UnixSocket: server.Server.GrpcUnixSocket),
    };
}

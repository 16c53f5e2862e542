using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>GetStats says each session's round mode and whether it sends early corrections, however the session was opened.</summary>
public class SessionRoundModeStatsTests
{
    [Fact]
    public async Task GetStatsReportsTheRoundModeOfBatchAndStreamSessions()
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 4, 1.0, shots: 1, seed: 3, window: 3, commit: 1);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        var client = server.Grpc();
        var assemble = await server.CreateSessionAsync(client);
        var stream = await client.CreateSessionAsync(StreamModeGrpcTests.Request(scenario, early: false));
        var streamEarly = await client.CreateSessionAsync(StreamModeGrpcTests.Request(scenario, early: true));
        using var raw = server.Raw();
        string rawStream = raw.Open(scenario.DemText, null, "mwpm", scenario.Options, stream: true).SessionId;

        var all = (await client.GetStatsAsync(new GetStatsRequest())).Sessions.ToDictionary(s => s.SessionId);
        Assert.Equal(4, all.Count);
        Assert.Equal((RoundMode.Assemble, false), (all[assemble.SessionId].RoundMode, all[assemble.SessionId].EarlyCorrections));
        Assert.Equal((RoundMode.Stream, false), (all[stream.SessionId].RoundMode, all[stream.SessionId].EarlyCorrections));
        Assert.Equal((RoundMode.Stream, true), (all[streamEarly.SessionId].RoundMode, all[streamEarly.SessionId].EarlyCorrections));
        Assert.Equal((RoundMode.Stream, false), (all[rawStream].RoundMode, all[rawStream].EarlyCorrections));

        var one = await client.GetStatsAsync(new GetStatsRequest { SessionId = stream.SessionId });
        Assert.Equal(RoundMode.Stream, Assert.Single(one.Sessions).RoundMode);
    }
}

using Qec.Server.Load;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// The load generator counts what it sends and what comes back on every path and load shape; its
/// logical-error count is checked against decoding the same shots offline (with the test decoder,
/// "truth" is whatever the offline decoder answers, so the count must be exactly 0 — and exactly
/// the number of flipped truths when the truth is inverted).
/// </summary>
public class LoadGeneratorTests
{
    [Theory]
    [InlineData(LoadTransport.Raw, 1, 1, false)]
    [InlineData(LoadTransport.Raw, 7, 3, false)]
    [InlineData(LoadTransport.RawUnix, 1, 4, true)]
    [InlineData(LoadTransport.Grpc, 1, 1, false)]
    [InlineData(LoadTransport.Grpc, 7, 3, false)]
    [InlineData(LoadTransport.GrpcUnix, 5, 1, true)]
    public async Task CountsEveryShotAndLogicalError(LoadTransport transport, int perMessage, int inFlight, bool echo)
    {
        await using var server = await TestServer.StartAsync();
        string dem = TestModels.RepetitionCode();
        var shots = Shots.Random(210, TestModels.RepetitionDetectors(), seed: 4);
        var truth = Shots.DecodeOffline(shots, dem);
        for (int s = 0; s < truth.Length; s += 3)
        {
            truth[s] ^= 1; // every third shot disagrees with the decoder
        }
        var pool = new ShotPool(shots, truth, 210, 4, 1);
        var target = transport switch
        {
            LoadTransport.Raw => new LoadTarget(transport, RawEndPoint: server.Server.RawEndPoint),
            LoadTransport.RawUnix => new LoadTarget(transport, UnixSocket: server.Server.RawUnixSocket),
            LoadTransport.Grpc => new LoadTarget(transport, GrpcAddress: server.Server.GrpcAddress),
            _ => new LoadTarget(transport, UnixSocket: server.Server.GrpcUnixSocket),
        };
        var settings = new LoadSettings
        {
            DemText = dem, Decoder = "parity", Streams = 2, ShotsPerStream = 420, WarmupShots = 0,
            ShotsPerMessage = perMessage, InFlight = inFlight, Echo = echo,
        };
        var result = await LoadGenerator.RunAsync(target, settings, pool);
        int messagesPerStream = (420 + perMessage - 1) / perMessage;
        Assert.Equal(2 * messagesPerStream * perMessage, result.Shots);
        Assert.Equal(2 * messagesPerStream, result.LatencyMicros.Count);
        Assert.True(result.LatencyMicros.P50 > 0);
        if (echo)
        {
            Assert.Equal(0, result.LogicalErrors);
            Assert.Equal(0, result.DecoderMicros.Count);
        }
        else
        {
            // The pool is cut to whole messages (210 / k · k shots) and replayed; count the flipped truths sent.
            int used = 210 / perMessage * perMessage;
            long expected = 0;
            for (long s = 0; s < messagesPerStream * perMessage; s++)
            {
                expected += (s % used) % 3 == 0 ? 1 : 0;
            }
            Assert.Equal(2 * expected, result.LogicalErrors);
            Assert.Equal(result.Shots, result.DecoderMicros.Count);
        }
    }
}

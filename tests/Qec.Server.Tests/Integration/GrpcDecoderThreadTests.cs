using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// <c>--grpc-decoder-thread</c>: shots of a Decode call handed to the call's own decoder thread get exactly
/// the corrections of the offline decoder, and calls made one after another each get (and stop) their thread.
/// </summary>
public class GrpcDecoderThreadTests
{
    [Fact]
    public async Task CorrectionsEqualTheOfflineDecoderAcrossCalls()
    {
        await using var server = await TestServer.StartAsync(o => o.GrpcDecoderThread = true);
        var model = DetectorErrorModel.Parse(TestModels.RepetitionCode(), "rep6");
        const int shots = 200;
        var (events, _) = new DemSampler(model).Sample(shots, 12);
        var offline = TestServer.Decoders().Get("bposd").Compile(model, DecoderOptions.Empty).CreateDecoder();
        var expected = new byte[1];
        for (int call = 0; call < 3; call++)
        {
            var client = server.Grpc();
            var session = await server.CreateSessionAsync(client, "bposd");
            int bytes = (int)session.DetectorBytes;
            using var stream = client.Decode();
            for (int shot = 0; shot < shots; shot++)
            {
                var shotEvents = events.AsSpan(shot * bytes, bytes);
                offline.Decode(shotEvents, expected);
                var request = new DecodeRequest { SessionId = session.SessionId };
                request.Shots.Add(new Shot { ShotId = (ulong)shot, DetectionEvents = Google.Protobuf.ByteString.CopyFrom(shotEvents) });
                await stream.RequestStream.WriteAsync(request);
                Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
                var correction = Assert.Single(stream.ResponseStream.Current.Corrections);
                Assert.Equal((ulong)shot, correction.ShotId);
                Assert.Equal(expected, correction.ObservableFlips.ToByteArray());
                Assert.True(correction.DecoderNs > 0);
            }
            await stream.RequestStream.CompleteAsync();
            Assert.False(await stream.ResponseStream.MoveNext(CancellationToken.None));
        }
    }
}

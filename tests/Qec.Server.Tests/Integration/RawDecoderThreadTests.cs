using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// <c>--raw-decoder-thread</c>: shots handed to a connection's own decoder thread get exactly the corrections
/// of the plain path, sessions opened one after another each get (and stop) their thread, and the server
/// still shuts down.
/// </summary>
public class RawDecoderThreadTests
{
    [Fact]
    public async Task CorrectionsEqualTheOfflineDecoderAcrossSessions()
    {
        await using var server = await TestServer.StartAsync(o => o.RawDecoderThread = true);
        var model = DetectorErrorModel.Parse(TestModels.RepetitionCode(), "rep6");
        const int shots = 300;
        var (events, _) = new DemSampler(model).Sample(shots, 11);
        var offline = TestServer.Decoders().Get("bposd").Compile(model, DecoderOptions.Empty).CreateDecoder();
        var expected = new byte[1];
        var actual = new byte[1];
        using var reused = server.Raw();
        for (int session = 0; session < 4; session++)
        {
            // Sessions 0 and 1 share a connection (CLOSE, then OPEN again); 2 and 3 have their own.
            using var own = session >= 2 ? server.Raw(unix: session == 3) : null;
            var client = own ?? reused;
            var info = client.Open(null, TestServer.BuiltIn, "bposd");
            int bytes = info.DetectorBytes;
            for (int shot = 0; shot < shots; shot++)
            {
                var shotEvents = events.AsSpan(shot * bytes, bytes);
                offline.Decode(shotEvents, expected);
                long ns = client.Decode((ulong)shot, shotEvents, actual);
                Assert.Equal(expected, actual);
                Assert.True(ns >= 0);
            }
            if (own is null)
            {
                client.CloseSession();
            }
        }
    }
}

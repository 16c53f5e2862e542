using Google.Protobuf;
using Qec.BeliefPropagation.Decoders;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// bposd and relaybp served over gRPC and the raw path decode sampled bb72 shots to exactly the
/// offline decoder's predictions on every path: the DecodeBatch call, Decode messages of many shots,
/// raw SHOTS frames, and single shots. With <c>device=ilgpu-cpu</c> (ILGPU's CPU simulator of the
/// kernels; tiny batches, small Relay-BP settings) the batch paths run on the accelerator and still
/// give the plain path's corrections. In stream mode they decode the whole shot after its last round.
/// </summary>
public class BeliefPropagationServingTests
{
    private const int PerMessage = 8;

    public static TheoryData<string, string, int> Cases => new()
    {
        { "bposd", "", 160 },
        { "relaybp", "", 160 },
        { "bposd", "device=ilgpu-cpu", 24 },
        { "relaybp", "device=ilgpu-cpu,num_sets=10,set_max_iter=20,pre_iter=20", 24 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryPathGivesTheOfflinePredictions(string decoder, string optionText, int count)
    {
        var model = BbModels.Bb72();
        var options = BbModels.Options(optionText);
        var shots = BbModels.Sample(model, count, seed: 72);
        var expected = BbModels.DecodeOffline(model, decoder, options, shots);
        Assert.Contains(expected, flip => flip != 0); // the comparison sees real predictions, not only zeros
        await using var server = await TestServer.StartAsync();
        var client = server.Grpc();
        var request = new CreateSessionRequest { DemText = model.ToString(), Decoder = decoder };
        request.Options.Add(options);
        var session = await client.CreateSessionAsync(request);
        int db = (int)session.DetectorBytes, ob = (int)session.ObservableBytes;
        var compiled = (BpCompiledDecoder)server.Server.Sessions.Get(session.SessionId).Compiled.Decoder;
        Assert.Equal(options.ContainsKey("device"), compiled.Gpu is not null);

        var batch = await client.DecodeBatchAsync(new DecodeBatchRequest
        {
            SessionId = session.SessionId,
            NumShots = (uint)count,
            DetectionEvents = ByteString.CopyFrom(shots),
        });
        Assert.Equal(expected, batch.ObservableFlips.ToByteArray());

        Assert.Equal(expected, await DecodeStreamAsync(client, session.SessionId, shots, db, ob, PerMessage));
        Assert.Equal(expected[..(4 * ob)], await DecodeStreamAsync(client, session.SessionId, shots[..(4 * db)], db, ob, 1));

        using var raw = server.Raw();
        raw.Open(model.ToString(), null, decoder, options);
        Assert.Equal(expected, DecodeRaw(raw, shots, db, ob));
        var flips = new byte[ob];
        for (int s = 0; s < 4; s++)
        {
            raw.Decode((ulong)s, shots.AsSpan(s * db, db), flips);
            Assert.Equal(expected.AsSpan(s * ob, ob).ToArray(), flips);
        }
    }

    [Fact]
    public async Task StreamModeDecodesTheWholeShotAfterTheLastRound()
    {
        // rep6 has 6 rounds of 5 detectors; BP has no sliding window, so the server buffers them.
        var model = Qec.Core.Dem.DetectorErrorModel.Parse(TestModels.RepetitionCode());
        var shots = BbModels.Sample(model, 200, seed: 6);
        var expected = BbModels.DecodeOffline(model, "bposd", new Dictionary<string, string>(), shots);
        await using var server = await TestServer.StartAsync();
        var session = await server.Grpc().CreateSessionAsync(new CreateSessionRequest { BuiltIn = TestServer.BuiltIn, Decoder = "bposd", RoundMode = RoundMode.Stream });
        Assert.Equal("decoder 'bposd' has no sliding-window mode: rounds are buffered and the whole shot is decoded after the last round", session.Note);
        Assert.Equal((6u, 0u), (session.NumRounds, session.WindowRounds));
        using var raw = server.Raw();
        raw.Attach(session.SessionId);
        for (int s = 0; s < 200; s++)
        {
            for (int r = 0; r < 6; r++)
            {
                raw.SendRound((ulong)s, (uint)r, (uint)(5 * r), 5, RawStreamingTests.Bits(shots.AsSpan(4 * s, 4), 5 * r, 5), final: r == 5);
            }
        }
        raw.Flush();
        for (int s = 0; s < 200; s++)
        {
            var reply = raw.Receive();
            Assert.Equal((RawFrameType.Correction, (ulong)s), (reply.Type, reply.ShotId));
            Assert.Equal(expected[s], reply.Flips(1)[0]);
        }
        Assert.Contains(expected, flip => flip != 0); // some shots predict L0 flipped
    }

    // One Decode stream; messages of `perMessage` shots; the flips of every correction, in order.
    private static async Task<byte[]> DecodeStreamAsync(Protocol.Decoder.DecoderClient client, string sessionId, byte[] shots, int db, int ob, int perMessage)
    {
        int count = shots.Length / db;
        using var call = client.Decode();
        for (int first = 0; first < count; first += perMessage)
        {
            var request = new DecodeRequest { SessionId = sessionId };
            for (int s = first; s < Math.Min(count, first + perMessage); s++)
            {
                request.Shots.Add(new Shot { ShotId = (ulong)s, DetectionEvents = ByteString.CopyFrom(shots, s * db, db) });
            }
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var flips = new List<byte>();
        int next = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            foreach (var c in call.ResponseStream.Current.Corrections)
            {
                Assert.Equal((ulong)next++, c.ShotId);
                Assert.Equal(ob, c.ObservableFlips.Length);
                flips.AddRange(c.ObservableFlips);
            }
        }
        Assert.Equal(count, next);
        return [.. flips];
    }

    // SHOTS frames of PerMessage shots; the flips of every CORRECTIONS frame, in order.
    private static byte[] DecodeRaw(RawDecoderClient raw, byte[] shots, int db, int ob)
    {
        int count = shots.Length / db;
        for (int first = 0; first < count; first += PerMessage)
        {
            int n = Math.Min(PerMessage, count - first);
            raw.SendShots((ulong)first, n, shots.AsSpan(first * db, n * db));
        }
        raw.Flush();
        var flips = new List<byte>();
        for (int first = 0; first < count; first += PerMessage)
        {
            var reply = raw.Receive();
            Assert.Equal(RawFrameType.Corrections, reply.Type);
            Assert.Equal((ulong)first, reply.ShotId);
            flips.AddRange(reply.Flips(ob).ToArray());
        }
        return [.. flips];
    }
}

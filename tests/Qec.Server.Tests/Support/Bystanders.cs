using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Core.Dem;
using Qec.Server.Protocol;
using Qec.Server.Raw;

namespace Qec.Server.Tests.Support;

/// <summary>
/// Two well-behaved clients, one per path, opened before a misbehaving client acts: a gRPC stream
/// and a raw connection (and, when asked, a third: a raw connection holding a stream-mode mwpm
/// session that sends its shot round by round). <see cref="AssertAliveAsync"/> sends each a shot
/// and checks the correct answer arrives, proving the bad client did not disturb them.
/// </summary>
public sealed class Bystanders : IAsyncDisposable
{
    private static readonly Dictionary<string, string> StreamOptions = new() { ["window"] = "3", ["commit"] = "1" };
    private readonly AsyncDuplexStreamingCall<DecodeRequest, DecodeResponse> _call;
    private readonly RawDecoderClient _raw;
    private RawDecoderClient? _stream;
    private OfflineShot[]? _streamExpected;
    private readonly string _sessionId;
    private readonly byte[] _shots;
    private readonly byte[] _expected;
    private readonly int _db;
    private ulong _next;

    private Bystanders(AsyncDuplexStreamingCall<DecodeRequest, DecodeResponse> call, RawDecoderClient raw, string sessionId, int db)
    {
        _call = call;
        _raw = raw;
        _sessionId = sessionId;
        _db = db;
        _shots = Shots.Random(64, TestModels.RepetitionDetectors(), seed: 99);
        _expected = Shots.DecodeOffline(_shots, TestModels.RepetitionCode());
    }

    /// <summary>
    /// Opens the bystanders and checks them once; <paramref name="stream"/> adds the stream-mode
    /// one (the server needs the "mwpm" decoder, <see cref="StreamModels.Decoders"/>).
    /// </summary>
    public static async Task<Bystanders> OpenAsync(TestServer server, bool stream = false)
    {
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        var raw = server.Raw();
        raw.Open(null, TestServer.BuiltIn, ParityDecoderFactory.DecoderName);
        var b = new Bystanders(client.Decode(), raw, session.SessionId, (int)session.DetectorBytes);
        if (stream)
        {
            b._stream = server.Raw(unix: true);
            b._stream.Open(null, TestServer.BuiltIn, "mwpm", StreamOptions, stream: true, earlyCorrections: true);
            var compiled = StreamModels.Compile(DetectorErrorModel.Parse(TestModels.RepetitionCode()), "mwpm", StreamOptions);
            b._streamExpected = StreamModels.DecodeOffline(compiled, b._shots, b._db, 64);
        }
        await b.AssertAliveAsync();
        return b;
    }

    /// <summary>One shot on each path, answered correctly.</summary>
    public async Task AssertAliveAsync()
    {
        int k = (int)(_next % 64);
        var shot = _shots.AsMemory(k * _db, _db);
        var request = new DecodeRequest { SessionId = _sessionId };
        request.Shots.Add(new Shot { ShotId = _next, DetectionEvents = ByteString.CopyFrom(shot.Span) });
        await _call.RequestStream.WriteAsync(request);
        Assert.True(await _call.ResponseStream.MoveNext(CancellationToken.None));
        var c = Assert.Single(_call.ResponseStream.Current.Corrections);
        Assert.Equal(_next, c.ShotId);
        Assert.Equal(_expected[k], c.ObservableFlips[0]);

        var flips = new byte[1];
        _raw.Decode(_next, shot.Span, flips);
        Assert.Equal(_expected[k], flips[0]);
        if (_stream is not null)
        {
            AssertStreamAlive(k, shot.Span);
        }
        _next++;
    }

    // rep6 in stream mode: 6 rounds of 5 detectors; the COMMITTED frames and the CORRECTION equal offline streaming.
    private void AssertStreamAlive(int k, ReadOnlySpan<byte> shot)
    {
        for (int r = 0; r < 6; r++)
        {
            _stream!.SendRound(_next, (uint)r, (uint)(r * 5), 5, Integration.RawStreamingTests.Bits(shot, r * 5, 5), final: r == 5);
        }
        _stream!.Flush();
        var expected = _streamExpected![k];
        foreach (var (rounds, frame) in expected.Partials)
        {
            var committed = _stream.Receive();
            Assert.Equal(RawFrameType.Committed, committed.Type);
            Assert.Equal(_next, committed.ShotId);
            Assert.Equal(rounds, committed.CommittedRounds);
            Assert.Equal(frame, committed.Flips(1).ToArray());
        }
        var reply = _stream.Receive();
        Assert.Equal(RawFrameType.Correction, reply.Type);
        Assert.Equal(_next, reply.ShotId);
        Assert.Equal(expected.Final, reply.Flips(1).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _call.RequestStream.CompleteAsync();
        Assert.False(await _call.ResponseStream.MoveNext(CancellationToken.None));
        _call.Dispose();
        _raw.Dispose();
        _stream?.Dispose();
    }
}

using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Server.Protocol;

namespace Qec.Server.Tests.Support;

/// <summary>
/// Two well-behaved clients, one per path, opened before a misbehaving client acts: a gRPC stream
/// and a raw connection. <see cref="AssertAliveAsync"/> sends each a shot and checks the correct
/// answer arrives, proving the bad client did not disturb them.
/// </summary>
public sealed class Bystanders : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<DecodeRequest, DecodeResponse> _call;
    private readonly RawDecoderClient _raw;
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

    /// <summary>Opens both bystanders and checks them once.</summary>
    public static async Task<Bystanders> OpenAsync(TestServer server)
    {
        var client = server.Grpc();
        var session = await server.CreateSessionAsync(client);
        var raw = server.Raw();
        raw.Open(null, TestServer.BuiltIn, ParityDecoderFactory.DecoderName);
        var b = new Bystanders(client.Decode(), raw, session.SessionId, (int)session.DetectorBytes);
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
        _next++;
    }

    public async ValueTask DisposeAsync()
    {
        await _call.RequestStream.CompleteAsync();
        Assert.False(await _call.ResponseStream.MoveNext(CancellationToken.None));
        _call.Dispose();
        _raw.Dispose();
    }
}

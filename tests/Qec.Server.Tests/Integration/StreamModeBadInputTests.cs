using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Raw;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// Each way of breaking stream mode's rules, on both paths: shot 1 is sent whole and well, then
/// shot 2 breaks a rule. Shot 1's correction arrives, then exactly one INVALID_ARGUMENT naming the
/// shot, the round and what was expected; the bystanders (other clients, other sessions, both
/// paths) keep being answered. The model: a d=5 repetition code of 12 rounds of 4 detectors
/// (detectors 4r..4r+3 in round r), mwpm, window 4, commit 2.
/// </summary>
public class StreamModeBadInputTests
{
    private const string OutOfOrder = "out of order";
    private const string Missing = "missing round";
    private const string WrongSize = "wrong size";
    private const string WrongFirst = "wrong first detector";
    private const string WrongBytes = "wrong byte count";
    private const string Padding = "padding bits";
    private const string FinalEarly = "final early";
    private const string NoFinal = "last round without final";
    private const string OtherShot = "another shot's round";
    private const string WholeWhileOpen = "whole shot while one is open";

    public static TheoryData<string, bool, ulong, string> Cases()
    {
        var data = new TheoryData<string, bool, ulong, string>();
        foreach (bool raw in new[] { false, true })
        {
            data.Add(OutOfOrder, raw, 2, "shot 2: round 1 arrived, expected round 3: rounds must come in order, none missing");
            data.Add(Missing, raw, 2, "shot 2: round 3 arrived, expected round 2: rounds must come in order, none missing");
            data.Add(WrongSize, raw, 2,
                "shot 2 round 0: 3 detectors, expected 4: in stream mode each part is exactly one round of the model (round 0 is detectors 0..3)");
            data.Add(WrongFirst, raw, 2,
                "shot 2 round 1: first detector 5, expected 4: in stream mode each part is exactly one round of the model (round 1 is detectors 4..7)");
            data.Add(WrongBytes, raw, 2, "shot 2 round 0: 2 bytes of detection events for 4 detectors, expected 1");
            data.Add(Padding, raw, 2,
                "shot 2 round 2: padding bits set in byte 0 of its detection events (the round's 4 detectors end at bit 3 of that byte)");
            data.Add(FinalEarly, raw, 2, "shot 2 round 5: final is set, but the model has 12 rounds: final belongs on round 11, the last");
            data.Add(NoFinal, raw, 2, "shot 2 round 11 is the model's last round (of 12) but final is not set: set final on the last round");
            data.Add(OtherShot, raw, 3,
                "shot 3 round 0: shot 2 is still open (round 2 of its 12 rounds is expected next); send one shot's rounds at a time, in order");
            data.Add(WholeWhileOpen, raw, 3,
                "shot 3: a whole shot arrived while shot 2 is still open (round 2 of its 12 rounds is expected next); send one shot at a time");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRoundsAreRefusedNamingShotRoundAndExpectation(string fault, bool raw, ulong badShot, string message)
    {
        var scenario = StreamScenario.Create(StreamModels.Repetition, 9, 3.0, shots: 4, seed: 13, window: 4, commit: 2);
        Assert.Equal(12, scenario.Layout.NumRounds);
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        var parts = Parts(scenario, fault);
        if (raw)
        {
            using var client = server.Raw();
            client.Open(scenario.DemText, null, scenario.Decoder, scenario.Options, stream: true, earlyCorrections: true);
            client.SendShot(1, scenario.Shot(0));
            foreach (var p in parts)
            {
                if (p.Whole is { } whole)
                {
                    client.SendShot(p.ShotId, whole);
                }
                else
                {
                    client.SendRound(p.ShotId, p.Index, p.First, p.Count, p.Events, p.Final);
                }
            }
            client.Flush();
            var reply = client.Receive();
            Assert.Equal(RawFrameType.Correction, reply.Type);
            Assert.Equal(1ul, reply.ShotId);
            Assert.Equal(scenario.Offline[0].Final, reply.Flips(scenario.ObservableBytes).ToArray());
            RawServerException e;
            while (true)
            {
                try
                {
                    reply = client.Receive();
                    Assert.Equal(RawFrameType.Committed, reply.Type); // early corrections of the bad shot's good rounds
                    Assert.Equal(2ul, reply.ShotId);
                }
                catch (RawServerException refused)
                {
                    e = refused;
                    break;
                }
            }
            Assert.Equal(StatusCode.InvalidArgument, e.Code);
            Assert.Equal(badShot, e.ShotId);
            Assert.Equal(message, e.Message);
            Assert.Throws<IOException>(() => client.Receive()); // then the server closes the connection
        }
        else
        {
            var grpc = server.Grpc();
            var session = await grpc.CreateSessionAsync(StreamModeGrpcTests.Request(scenario, early: false));
            using (var call = grpc.Decode())
            {
                var request = new DecodeRequest { SessionId = session.SessionId };
                request.Shots.Add(new Shot { ShotId = 1, DetectionEvents = ByteString.CopyFrom(scenario.Shot(0)) });
                foreach (var p in parts)
                {
                    request.Shots.Add(p.Whole is { } whole
                        ? new Shot { ShotId = p.ShotId, DetectionEvents = ByteString.CopyFrom(whole) }
                        : new Shot
                        {
                            ShotId = p.ShotId,
                            Round = new Round { Index = p.Index, FirstDetector = p.First, NumDetectors = p.Count, DetectionEvents = ByteString.CopyFrom(p.Events), Final = p.Final },
                        });
                }
                await call.RequestStream.WriteAsync(request);
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                var c = Assert.Single(call.ResponseStream.Current.Corrections);
                Assert.Equal(1ul, c.ShotId);
                Assert.Equal(scenario.Offline[0].Final, c.ObservableFlips.ToByteArray());
                var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
                Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
                Assert.Equal(message, e.Status.Detail);
            }
            // The bad shot was abandoned; the session is free and a new stream decodes from round 0.
            Assert.False((await grpc.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId })).Sessions[0].Attached);
            using var again = grpc.Decode();
            var retry = new DecodeRequest { SessionId = session.SessionId };
            StreamModeGrpcTests.AddRounds(retry, scenario, 1, 9);
            await again.RequestStream.WriteAsync(retry);
            await again.RequestStream.CompleteAsync();
            var answers = await StreamModeGrpcTests.ReadAllAsync(again);
            var final = Assert.Single(answers);
            Assert.Equal(9ul, final.ShotId);
            Assert.Equal(scenario.Offline[1].Final, final.Flips);
            var stats = await grpc.GetStatsAsync(new GetStatsRequest { SessionId = session.SessionId });
            Assert.Equal(2ul, stats.Sessions[0].ShotsDecoded);
            Assert.Equal(2ul, stats.Sessions[0].ShotsReceived); // the abandoned shot never completed
            Assert.Equal(0ul, stats.BacklogShots);
        }
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task RawEarlyCorrectionsWithoutStreamModeAreRefused()
    {
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        using var client = server.Raw();
        var e = Assert.Throws<RawServerException>(() => client.Open(null, TestServer.BuiltIn, "mwpm", earlyCorrections: true));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.StartsWith("early corrections need stream mode", e.Message);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task RawModelWithoutRoundsIsRefusedNamingTheDecoderAndTheReason()
    {
        await using var server = await TestServer.StartAsync(decoders: StreamModels.Decoders());
        await using var bystanders = await Bystanders.OpenAsync(server, stream: true);
        using var client = server.Raw();
        var e = Assert.Throws<RawServerException>(() => client.Open("error(0.1) D0 D1\nerror(0.1) D1 L0\n", null, "uf", stream: true));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.StartsWith("decoder 'uf' cannot stream this model: detector D0 has no coordinates", e.Message);
        await bystanders.AssertAliveAsync();
    }

    private sealed record Part(ulong ShotId, uint Index, uint First, uint Count, byte[] Events, bool Final, byte[]? Whole = null);

    // Shot 2's parts for a fault: good rounds up to the fault, then the bad part.
    private static List<Part> Parts(StreamScenario scenario, string fault)
    {
        var layout = scenario.Layout;
        int n = layout.NumRounds;
        Part Good(int r, ulong shot = 2) =>
            new(shot, (uint)r, (uint)layout.RoundFirstDetector(r), (uint)layout.RoundSize(r), scenario.Round(1, r), r == n - 1);
        var parts = new List<Part>();
        switch (fault)
        {
            case OutOfOrder:
                parts.AddRange([Good(0), Good(1), Good(2), Good(1)]);
                break;
            case Missing:
                parts.AddRange([Good(0), Good(1), Good(3)]);
                break;
            case WrongSize:
                parts.Add(Good(0) with { Count = 3 });
                break;
            case WrongFirst:
                parts.AddRange([Good(0), Good(1) with { First = 5 }]);
                break;
            case WrongBytes:
                parts.Add(Good(0) with { Events = [0, 0] });
                break;
            case Padding:
                parts.AddRange([Good(0), Good(1), Good(2) with { Events = [0x10] }]);
                break;
            case FinalEarly:
                parts.AddRange(Enumerable.Range(0, 5).Select(r => Good(r)));
                parts.Add(Good(5) with { Final = true });
                break;
            case NoFinal:
                parts.AddRange(Enumerable.Range(0, n - 1).Select(r => Good(r)));
                parts.Add(Good(n - 1) with { Final = false });
                break;
            case OtherShot:
                parts.AddRange([Good(0), Good(1), Good(0, shot: 3)]);
                break;
            case WholeWhileOpen:
                parts.AddRange([Good(0), Good(1), new Part(3, 0, 0, 0, [], false, scenario.Shot(2).ToArray())]);
                break;
            default:
                throw new ArgumentException(fault);
        }
        return parts;
    }
}

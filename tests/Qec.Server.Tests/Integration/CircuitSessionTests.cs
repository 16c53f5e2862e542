using Google.Protobuf;
using Grpc.Core;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;
using Qec.Tests.Shared;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// CreateSession with <c>circuit_text</c>: the circuit is analyzed (decomposed) into exactly Stim's DEM
/// (same model hash as the reference DEM text, same corrections), and every kind of bad circuit is
/// INVALID_ARGUMENT naming line, column and instruction while other clients keep being served; the same over the
/// raw path (OPEN model kind 2).
/// </summary>
public class CircuitSessionTests
{
    // tests/data/circuits (see SOURCE.md there): Stim's circuit and its `analyze_errors --decompose_errors` DEM.
    private static readonly string CircuitText = File.ReadAllText(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"));
    private static readonly string DemText = File.ReadAllText(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.decomposed.dem"));

    [Fact]
    public async Task CircuitSessionIsTheReferenceDemSessionAndDecodesTheSame()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Grpc();
        var fromCircuit = await client.CreateSessionAsync(new CreateSessionRequest { CircuitText = CircuitText, Decoder = "bposd" });
        var fromDem = await client.CreateSessionAsync(new CreateSessionRequest { DemText = DemText, Decoder = "bposd" });
        var again = await client.CreateSessionAsync(new CreateSessionRequest { CircuitText = CircuitText, Decoder = "bposd" });
        Assert.Equal(fromDem.ModelHash, fromCircuit.ModelHash);
        Assert.True(again.ReusedCompiledDecoder);
        Assert.Equal(36u, fromCircuit.NumDetectors);
        Assert.Equal("", fromCircuit.Note);

        const int shots = 400;
        var (events, _) = new DemSampler(DetectorErrorModel.Parse(DemText, "dem")).Sample(shots, 5);
        byte[] Decode(string session) => client.DecodeBatch(new DecodeBatchRequest
        {
            SessionId = session, NumShots = shots, DetectionEvents = ByteString.CopyFrom(events),
        }).ObservableFlips.ToByteArray();
        Assert.Equal(Decode(fromDem.SessionId), Decode(fromCircuit.SessionId));
    }

    [Fact]
    public async Task RefusedDecompositionGivesThePlainModelAndSaysSoInTheNote()
    {
        // One error flips three detectors nothing else explains: Stim refuses to decompose it.
        const string hyperedge = "R 0 1 2\nX_ERROR(0.1) 0\nCX 0 1 0 2\nM 0 1 2\nDETECTOR rec[-1]\nDETECTOR rec[-2]\nDETECTOR rec[-3]\nOBSERVABLE_INCLUDE(0) rec[-1]\n";
        await using var server = await TestServer.StartAsync();
        var session = await server.Grpc().CreateSessionAsync(new CreateSessionRequest { CircuitText = hyperedge, Decoder = "bposd" });
        Assert.StartsWith("the circuit's errors cannot be decomposed into graph-like pieces", session.Note, StringComparison.Ordinal);
        Assert.Equal(3u, session.NumDetectors);
    }

    public static TheoryData<string, string> BadCircuits => new()
    {
        { "H 0\nFOO 1\n", "circuit:2:1: " },
        { "M 0\nDETECTOR rec[-2]\n", "circuit:2:" },
        { "RX 0\nM 0\nDETECTOR rec[-1]\n", "circuit:1:1: The circuit contains non-deterministic detectors" },
        { "X_ERROR(1.5) 0\nM 0\n", "circuit:1:" },
        { "REPEAT 0 {\n  M 0\n}\n", "circuit:1:" },
    };

    [Theory]
    [MemberData(nameof(BadCircuits))]
    public async Task BadCircuitIsInvalidArgumentNamingWhereAndOthersKeepBeingServed(string circuit, string expectedStart)
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.Grpc().CreateSessionAsync(new CreateSessionRequest { CircuitText = circuit, Decoder = "bposd" }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(expectedStart, e.Status.Detail, StringComparison.Ordinal);
        await bystanders.AssertAliveAsync();
    }

    [Fact]
    public async Task RawOpenWithCircuitTextDecodesAsTheReferenceDem()
    {
        await using var server = await TestServer.StartAsync();
        using var fromCircuit = server.Raw();
        using var fromDem = server.Raw(unix: true);
        var circuitSession = fromCircuit.Open(null, null, "bposd", circuitText: CircuitText);
        var demSession = fromDem.Open(DemText, null, "bposd");
        Assert.Equal(36, circuitSession.NumDetectors);
        Assert.Equal(demSession.NumDetectors, circuitSession.NumDetectors);

        const int shots = 200;
        var (events, _) = new DemSampler(DetectorErrorModel.Parse(DemText, "dem")).Sample(shots, 7);
        int bytes = circuitSession.DetectorBytes;
        var a = new byte[circuitSession.ObservableBytes];
        var b = new byte[demSession.ObservableBytes];
        for (int shot = 0; shot < shots; shot++)
        {
            var shotEvents = events.AsSpan(shot * bytes, bytes);
            fromCircuit.Decode((ulong)shot, shotEvents, a);
            fromDem.Decode((ulong)shot, shotEvents, b);
            Assert.Equal(b, a);
        }
    }

    [Theory]
    [MemberData(nameof(BadCircuits))]
    public async Task BadCircuitOverRawIsInvalidArgumentNamingWhereAndOthersKeepBeingServed(string circuit, string expectedStart)
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw();
        var e = Assert.Throws<RawServerException>(() => client.Open(null, null, "bposd", circuitText: circuit));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains(expectedStart, e.Message, StringComparison.Ordinal);
        await bystanders.AssertAliveAsync();
    }
}

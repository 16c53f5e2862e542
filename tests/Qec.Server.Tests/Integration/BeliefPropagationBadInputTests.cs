using System.Text;
using Grpc.Core;
using Qec.BeliefPropagation.Decoders;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// What the BP family refuses reaches a gRPC or raw client as INVALID_ARGUMENT naming the option, the
/// observable or the size limit; the bystanders (a gRPC stream and a raw connection of other clients)
/// keep being answered after each refusal.
/// </summary>
public class BeliefPropagationBadInputTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "bposd", "foo=1", "rep", "decoder 'bposd' cannot take this model: bposd: unknown decoder option 'foo'; known options are " },
        { "bposd", "max_iter=0", "rep", "decoder 'bposd' cannot take this model: bposd: decoder option max_iter=0: expected an integer from 1 to 1000000" },
        { "relaybp", "device=quantum", "rep", "decoder 'relaybp' cannot take this model: relaybp: decoder option device=quantum: expected one of cpu, gpu, auto, cuda, opencl, ilgpu-cpu" },
        { "bp", "", "unflipped", "decoder 'bp' cannot take this model: observable L0 is flipped by no error mechanism" },
        { "bposd", "", "oversized", $"decoder 'bposd' cannot take this model: bposd: 1048576 detectors × 2049 mechanisms = 2148532224 bits of OSD matrix; the limit is {BpCompiledDecoder.MaxOsdMatrixBits}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RefusedOverGrpcNamingTheCause(string decoder, string options, string model, string expected)
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var request = new CreateSessionRequest { DemText = Dem(model), Decoder = decoder };
        request.Options.Add(BbModels.Options(options));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Grpc().CreateSessionAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(expected, e.Status.Detail, StringComparison.Ordinal);
        await bystanders.AssertAliveAsync();
        var stats = await server.Grpc().GetStatsAsync(new GetStatsRequest());
        Assert.Equal(2u, stats.OpenSessions); // the bystanders' only
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RefusedOverRawNamingTheCause(string decoder, string options, string model, string expected)
    {
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        using var client = server.Raw(unix: true);
        var e = Assert.Throws<RawServerException>(() => client.Open(Dem(model), null, decoder, BbModels.Options(options)));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        await bystanders.AssertAliveAsync();
    }

    // "rep": a repetition code every BP decoder takes; "unflipped": L0 is flipped by no error;
    // "oversized": 2^20 detectors × 2049 mechanisms, one over bposd's OSD limit of 2^31 bits by 2^20.
    private static string Dem(string model)
    {
        switch (model)
        {
            case "rep":
                return TestModels.RepetitionCode();
            case "unflipped":
                return "error(0.1) D0\ndetector D0\nlogical_observable L0\n";
            default:
                var text = new StringBuilder("error(0.01) L0\n");
                for (int j = 1; j < 2049; j++)
                {
                    text.Append("error(0.01) D").Append(j * 500).Append('\n');
                }
                return text.Append("detector D").Append((1 << 20) - 1).Append('\n').ToString();
        }
    }
}

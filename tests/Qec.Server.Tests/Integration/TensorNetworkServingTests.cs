using Google.Protobuf;
using Grpc.Core;
using Qec.Core.Generators;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>
/// tn served: sessions decode like the offline decoder (exact mode, boundary mode, and exact mode's batches
/// on ILGPU's CPU simulator of the kernel), and a model whose
/// contraction is over the cost limit is INVALID_ARGUMENT naming its cost, on gRPC and raw, with
/// bystanders still answered.
/// </summary>
public class TensorNetworkServingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("mode=boundary,chi=8")]
    [InlineData("device=ilgpu-cpu")]
    public async Task A_tn_session_decodes_like_the_offline_decoder(string optionText)
    {
        var model = CodeGenerators.RotatedSurfaceCode(5, 1, NoiseModel.CodeCapacity, 0.1);
        var options = BbModels.Options(optionText);
        var shots = BbModels.Sample(model, 64, seed: 11);
        var expected = BbModels.DecodeOffline(model, "tn", options, shots);
        Assert.Contains(expected, flip => flip != 0);
        await using var server = await TestServer.StartAsync();
        var request = new CreateSessionRequest { DemText = model.ToString(), Decoder = "tn" };
        request.Options.Add(options);
        var session = await server.Grpc().CreateSessionAsync(request);
        var batch = await server.Grpc().DecodeBatchAsync(new DecodeBatchRequest
        {
            SessionId = session.SessionId,
            NumShots = 64,
            DetectionEvents = ByteString.CopyFrom(shots),
        });
        Assert.Equal(expected, batch.ObservableFlips.ToByteArray());
    }

    [Fact]
    public async Task A_model_over_the_contraction_limit_is_refused_naming_its_cost()
    {
        var dem = CodeGenerators.RotatedSurfaceCode(5, 1, NoiseModel.CodeCapacityDepolarizing, 0.1).ToString();
        await using var server = await TestServer.StartAsync();
        await using var bystanders = await Bystanders.OpenAsync(server);
        var request = new CreateSessionRequest { DemText = dem, Decoder = "tn" };
        request.Options.Add("max_flops", "1000");
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Grpc().CreateSessionAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("decoder 'tn' cannot take this model: tn (exact): the parity network of this model (24 detectors, 75 mechanisms): contracting it needs 2^", e.Status.Detail, StringComparison.Ordinal);
        using var client = server.Raw(unix: true);
        var raw = Assert.Throws<RawServerException>(() => client.Open(dem, null, "tn", new Dictionary<string, string> { ["max_flops"] = "1000" }));
        Assert.Equal(StatusCode.InvalidArgument, raw.Code);
        Assert.Contains("the limit is 2^10 flops", raw.Message);
        await bystanders.AssertAliveAsync();
    }
}

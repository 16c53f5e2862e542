using Google.Protobuf;
using Qec.Core.Decoding;
using Qec.Core.Generators;
using Qec.Generative;
using Qec.Generative.Decoding;
using Qec.Generative.Models;
using Qec.Server.Protocol;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Integration;

/// <summary>gen served: a session opened with <c>gen:model=PATH</c> decodes like the in-process decoder (CPU, and batches on ILGPU's CPU simulator).</summary>
public class GenerativeServingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("device=ilgpu-cpu")]
    public async Task A_gen_session_decodes_like_the_in_process_decoder(string optionText)
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, 0.1);
        string folder = Path.Combine(Path.GetTempPath(), "qecd-gen-serve-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "model.st");
            GenerativeModelFile.Save(new MadeNetwork<float>(new MadeConfig(1, 8, 16, 2, Residual: true), seed: 4), path, model, GenerativeModelFile.NoBase);
            var registry = GenerativeDecoders.Register(new DecoderRegistry());
            var options = BbModels.Options(optionText);
            options["model"] = path;
            var shots = BbModels.Sample(model, 64, seed: 11);
            var offline = registry.Get("gen").Compile(model, DecoderOptions.Parse([$"model={path}"])).CreateDecoder();
            var expected = new byte[64];
            for (int s = 0; s < 64; s++) offline.Decode(shots.AsSpan(s, 1), expected.AsSpan(s, 1));
            Assert.Contains(expected, flip => flip != 0);
            Assert.Contains(expected, flip => flip == 0);
            await using var server = await TestServer.StartAsync(decoders: registry);
            var request = new CreateSessionRequest { DemText = model.ToString(), Decoder = "gen" };
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
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

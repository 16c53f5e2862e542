using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching;
using Qec.TensorNetwork;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// Decoders of the tensor-network bench commands, named as <c>qecd compare --decoders</c> names them:
/// <c>NAME(:KEY=VALUE)*</c>, e.g. <c>tn:mode=boundary:chi=8</c>. The registry holds mwpm, uf and tn.
/// </summary>
internal static class DecoderSpecs
{
    private static readonly DecoderRegistry Registry = TensorNetworkDecoders.Register(MatchingDecoders.Register(new DecoderRegistry()));

    /// <summary>Compiles <paramref name="spec"/> for <paramref name="model"/>; the registry's error when the decoder refuses it.</summary>
    public static ICompiledDecoder Compile(string spec, DetectorErrorModel model)
    {
        string[] parts = spec.Split(':');
        return Registry.Get(parts[0]).Compile(model, DecoderOptions.Parse(parts[1..]));
    }

    /// <summary><see cref="Compile"/>, or null and the refusal's message when the decoder cannot take the model (exact mode over its cost limit).</summary>
    public static (ICompiledDecoder? Decoder, string? Refusal) TryCompile(string spec, DetectorErrorModel model)
    {
        try
        {
            return (Compile(spec, model), null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
    }
}

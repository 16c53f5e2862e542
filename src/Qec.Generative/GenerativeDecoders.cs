using Qec.Core.Decoding;
using Qec.Generative.Decoding;

namespace Qec.Generative;

/// <summary>Registers the generative decoders of this project.</summary>
public static class GenerativeDecoders
{
    /// <summary>Adds "gen" to a registry (base decoders named by a model file are looked up in the same registry); returns it.</summary>
    public static DecoderRegistry Register(DecoderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Add(new GenerativeDecoderFactory(registry));
        return registry;
    }
}

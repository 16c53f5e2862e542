using Qec.Core.Decoding;

namespace Qec.TensorNetwork;

/// <summary>Registers the tensor-network decoders of this project.</summary>
public static class TensorNetworkDecoders
{
    /// <summary>Adds "tn" to a registry; returns it.</summary>
    public static DecoderRegistry Register(DecoderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Add(new Decoding.TnDecoderFactory());
        return registry;
    }
}

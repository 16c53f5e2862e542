using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;

namespace Qec.BeliefPropagation;

/// <summary>Registers the belief-propagation decoders of this project.</summary>
public static class BeliefPropagationDecoders
{
    /// <summary>Adds "bp", "bposd" and "relaybp" to a registry; returns it.</summary>
    public static DecoderRegistry Register(DecoderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Add(new BpDecoderFactory(BpDecoderKind.Bp));
        registry.Add(new BpDecoderFactory(BpDecoderKind.BpOsd));
        registry.Add(new BpDecoderFactory(BpDecoderKind.RelayBp));
        return registry;
    }
}

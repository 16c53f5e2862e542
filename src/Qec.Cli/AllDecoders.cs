using Qec.BeliefPropagation;
using Qec.Core.Decoding;
using Qec.Generative;
using Qec.Matching;
using Qec.TensorNetwork;

namespace Qec.Cli;

/// <summary>The decoders every <c>qecd</c> command offers: one registry, composed once per process.</summary>
public static class AllDecoders
{
    /// <summary>A registry holding mwpm, uf, bp, bposd, relaybp, tn and gen.</summary>
    public static DecoderRegistry Create() =>
        GenerativeDecoders.Register(
            TensorNetworkDecoders.Register(BeliefPropagationDecoders.Register(MatchingDecoders.Register(new DecoderRegistry()))));
}

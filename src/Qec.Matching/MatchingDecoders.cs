using Qec.Core.Decoding;
using Qec.Matching.Mwpm;
using Qec.Matching.UnionFind;

namespace Qec.Matching;

/// <summary>Registers the matching decoders of this project.</summary>
public static class MatchingDecoders
{
    /// <summary>Adds "mwpm" (exact sparse blossom) and "uf" (union-find) to a registry; returns it.</summary>
    public static DecoderRegistry Register(DecoderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Add(new MwpmDecoderFactory());
        registry.Add(new UnionFindDecoderFactory());
        return registry;
    }
}

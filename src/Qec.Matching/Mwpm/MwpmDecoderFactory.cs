using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Matching.Mwpm;

/// <summary>The "mwpm" decoder: exact minimum-weight perfect matching by sparse blossom, PyMatching v2 compatible.</summary>
public sealed class MwpmDecoderFactory : IDecoderFactory
{
    /// <summary>The registry name.</summary>
    public const string DecoderName = "mwpm";

    /// <inheritdoc/>
    public string Name => DecoderName;

    /// <inheritdoc/>
    public string Description =>
        "exact minimum-weight perfect matching (sparse blossom, PyMatching v2 weights and semantics)";

    /// <inheritdoc/>
    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options) => MwpmCompiledDecoder.FromDem(model);
}

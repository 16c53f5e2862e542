using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;

namespace Qec.Matching.Streaming;

/// <summary>The entry point for round-by-round decoding (for the server and the CLI).</summary>
public static class StreamingDecoders
{
    /// <summary>
    /// Compiles round-by-round decoding of <paramref name="model"/> with the decoder named
    /// <paramref name="decoder"/>: a sliding window for "mwpm" and "uf"; any other decoder of
    /// <paramref name="registry"/> falls back to whole-shot decoding after the last round, saying so in
    /// <see cref="IStreamingCompiledDecoder.Note"/> (that needs a model small enough to flatten).
    /// </summary>
    public static IStreamingCompiledDecoder Compile(DecoderRegistry registry, string decoder, DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        if (SlidingWindowCompiledDecoder.Supports(decoder))
        {
            return SlidingWindowCompiledDecoder.Compile(decoder, model, options);
        }
        var compiled = registry.Get(decoder).Compile(model, options);
        var layout = RoundLayout.Analyse(model, options.GetInt(StreamingOptions.DetectorsPerRoundKey, 0), 1);
        return new WholeShotStreaming(compiled, layout);
    }
}

using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Generative.Decoding;

/// <summary>
/// The base decoder a <c>gen</c> model corrects, written as in <c>qecd compare --decoders</c>: <c>NAME</c> or
/// <c>NAME:KEY=VALUE:…</c> (e.g. <c>mwpm:correlations=true</c>), or <see cref="GenerativeModelFile.NoBase"/>. The
/// text is stored verbatim as the model file's <c>gen.base</c>, so a model is always served with the base it was
/// trained against.
/// </summary>
public static class BaseDecoderSpec
{
    /// <summary>
    /// Compiles the base named by <paramref name="spec"/> from <paramref name="registry"/>, or returns null for
    /// <see cref="GenerativeModelFile.NoBase"/>. Throws <see cref="ArgumentException"/> that starts with <paramref name="subject"/>
    /// (what names the base, e.g. <c>--base mwpm:x</c>) when the name is unknown, is <c>gen</c> itself, or an option is malformed.
    /// </summary>
    public static ICompiledDecoder? Compile(DecoderRegistry registry, string spec, DetectorErrorModel model, string subject)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == GenerativeModelFile.NoBase)
        {
            return null;
        }
        var options = DecoderOptions.ParseSpec(spec, out string name, subject);
        if (name == GenerativeDecoderFactory.DecoderName || !registry.TryGet(name, out var factory))
        {
            throw new ArgumentException($"{subject}: no such decoder here; expected {GenerativeModelFile.NoBase} or one of " +
                string.Join(", ", registry.Names.Where(n => n != GenerativeDecoderFactory.DecoderName)) + " (options as NAME:KEY=VALUE)");
        }
        return factory.Compile(model, options);
    }
}

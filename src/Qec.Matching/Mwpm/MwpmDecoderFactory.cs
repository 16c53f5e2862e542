using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.Correlated;

namespace Qec.Matching.Mwpm;

/// <summary>The "mwpm" decoder: exact minimum-weight perfect matching by sparse blossom, PyMatching v2 compatible.</summary>
/// <remarks>
/// Option <c>correlations</c> (true/false, default false): two-pass correlated matching
/// (<see cref="CorrelatedMwpmCompiledDecoder"/>, PyMatching 2.3's <c>enable_correlations</c>).
/// A model without '^' decompositions then runs as plain matching, with a note on standard error.
/// </remarks>
public sealed class MwpmDecoderFactory : IDecoderFactory
{
    /// <summary>The registry name.</summary>
    public const string DecoderName = "mwpm";

    /// <summary>The option key that turns on correlated (two-pass) matching.</summary>
    public const string CorrelationsOption = "correlations";

    /// <inheritdoc/>
    public string Name => DecoderName;

    /// <inheritdoc/>
    public string Description =>
        "exact minimum-weight perfect matching (sparse blossom, PyMatching v2 weights and semantics)";

    /// <inheritdoc/>
    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Correlations(options))
        {
            return MwpmCompiledDecoder.FromDem(model);
        }
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(model);
        if (compiled.Note is { } note)
        {
            Console.Error.WriteLine(note);
        }
        return compiled;
    }

    /// <summary>Whether <paramref name="options"/> turn correlated matching on (bad values name the option).</summary>
    public static bool Correlations(DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Values.TryGetValue(CorrelationsOption, out var text))
        {
            return false;
        }
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new ArgumentException($"decoder option {CorrelationsOption}={text}: expected true or false"),
        };
    }
}

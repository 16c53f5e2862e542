using System.Collections.Immutable;
using System.Globalization;

namespace Qec.Core.Decoding;

/// <summary>
/// Named decoder options as text (<c>key=value</c>), as they arrive from the command line or the wire.
/// Typed getters validate at the edge and name the bad option.
/// </summary>
public sealed record DecoderOptions(ImmutableSortedDictionary<string, string> Values)
{
    /// <summary>No options.</summary>
    public static DecoderOptions Empty { get; } = new(ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>Parses <c>key=value</c> pairs; throws <see cref="ArgumentException"/> on a pair without '='.</summary>
    public static DecoderOptions Parse(IEnumerable<string> pairs)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"decoder option '{pair}' must look like key=value");
            }
            builder[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return new DecoderOptions(builder.ToImmutable());
    }

    /// <summary>
    /// Splits a decoder written <c>NAME</c> or <c>NAME:KEY=VALUE:…</c> (as in <c>qecd compare --decoders</c>) into its
    /// <paramref name="name"/> and options; throws <see cref="ArgumentException"/> naming an option without '=', its
    /// message starting with <paramref name="context"/> (what named the spec, e.g. <c>--base mwpm:x</c>) when given.
    /// </summary>
    public static DecoderOptions ParseSpec(string spec, out string name, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Split(':', StringSplitOptions.TrimEntries);
        foreach (string option in parts.AsSpan(1))
        {
            if (option.IndexOf('=') <= 0)
            {
                throw new ArgumentException($"{(context is null ? "" : context + ": ")}option '{option}' must look like key=value (NAME:KEY=VALUE:…)");
            }
        }
        name = parts[0];
        return Parse(parts.Skip(1));
    }

    /// <summary>An integer option, or <paramref name="fallback"/> when absent.</summary>
    public int GetInt(string key, int fallback) => Values.TryGetValue(key, out var text)
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"decoder option {key}={text}: expected an integer")
        : fallback;

    /// <summary>A floating-point option, or <paramref name="fallback"/> when absent.</summary>
    public double GetDouble(string key, double fallback) => Values.TryGetValue(key, out var text)
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new ArgumentException($"decoder option {key}={text}: expected a number")
        : fallback;

    /// <summary>Canonical text (sorted key=value joined by ','), used as a cache key.</summary>
    public override string ToString() => string.Join(",", Values.Select(kv => kv.Key + "=" + kv.Value));

    /// <inheritdoc/>
    public bool Equals(DecoderOptions? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}

using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;

namespace Qec.BeliefPropagation.Options;

/// <summary>
/// Reads a decoder's options and refuses what it does not know: every key must be one the decoder
/// named (or one of the streaming keys, which the round-by-round wrapper reads), and every value must
/// parse and lie in range; each error names the decoder, the option and what was expected.
/// </summary>
internal sealed class OptionReader
{
    private static readonly string[] StreamingKeys =
        [StreamingOptions.WindowKey, StreamingOptions.CommitKey, StreamingOptions.DetectorsPerRoundKey, StreamingOptions.DistanceKey];

    private readonly string _decoder;
    private readonly DecoderOptions _options;

    public OptionReader(string decoder, DecoderOptions options, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(options);
        _decoder = decoder;
        _options = options;
        foreach (string key in options.Values.Keys)
        {
            if (!known.Contains(key) && Array.IndexOf(StreamingKeys, key) < 0)
            {
                throw new ArgumentException(
                    $"{decoder}: unknown decoder option '{key}'; known options are {string.Join(", ", known.Order(StringComparer.Ordinal))}");
            }
        }
    }

    public int Int(string key, int fallback, int min, int max)
    {
        if (!_options.Values.TryGetValue(key, out var text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw Bad(key, text, $"an integer from {min} to {max}");
        }
        return value;
    }

    public ulong UInt64(string key, ulong fallback)
    {
        if (!_options.Values.TryGetValue(key, out var text))
        {
            return fallback;
        }
        return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw Bad(key, text, "a non-negative integer");
    }

    public double Double(string key, double fallback, double min, double max)
    {
        if (!_options.Values.TryGetValue(key, out var text))
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
        {
            throw Bad(key, text, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }
        return value;
    }

    /// <summary>A value from a table of names (first name of each entry is the canonical one).</summary>
    public T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
    {
        if (!_options.Values.TryGetValue(key, out var text))
        {
            return fallback;
        }
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw Bad(key, text, "one of " + string.Join(", ", choices.Select(c => c.Name)));
    }

    private ArgumentException Bad(string key, string text, string expected) =>
        new($"{_decoder}: decoder option {key}={text}: expected {expected}");
}

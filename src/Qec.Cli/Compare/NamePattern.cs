using System.Text;
using System.Text.RegularExpressions;

namespace Qec.Cli.Compare;

/// <summary>
/// A file-name pattern of <c>--name-pattern</c>, e.g. <c>{family}_d{d}_r{r}_p{p}</c>, matched against the
/// whole stem of a DEM file (its name without <c>.dem</c>). Each <c>{key}</c> matches the longest number
/// that fits there (<c>05</c>, <c>0.002</c>, <c>1e-3</c>), else one or more characters, as few as the rest
/// of the pattern allows, and becomes the metadata value of that key: an integer or a real when it reads
/// as one (<c>05</c> → 5), else a string; <c>{r}</c> is written as <c>rounds</c>. <c>*</c> matches any
/// characters and keeps none; every other character matches itself. So <c>{family}_d{d}_r{r}_p{p}*</c>
/// reads <c>sc_umz_d03_r04_p0.002.decomposed</c> as family sc_umz, d 3, rounds 4, p 0.002.
/// </summary>
public sealed class NamePattern
{
    /// <summary>A placeholder's regex: a number first (greedy), else the fewest characters.</summary>
    private const string NumberOrText = @"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|.+?";

    private readonly Regex _regex;
    private readonly string[] _keys;

    private NamePattern(string text, Regex regex, string[] keys)
    {
        Text = text;
        _regex = regex;
        _keys = keys;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses a pattern; throws <see cref="ArgumentException"/> naming the pattern, the column (from 1)
    /// and the problem for an unclosed or empty brace, a key that is not a name, a repeated key or a
    /// pattern without any key.
    /// </summary>
    public static NamePattern Parse(string text)
    {
        var regex = new StringBuilder("^");
        var keys = new List<string>();
        Exception Bad(int column, string problem) => new ArgumentException($"--name-pattern '{text}': column {column + 1}: {problem}");
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '*')
            {
                regex.Append(".*?");
                continue;
            }
            if (c == '}')
            {
                throw Bad(i, "'}' without '{'");
            }
            if (c != '{')
            {
                regex.Append(Regex.Escape(c.ToString()));
                continue;
            }
            int close = text.IndexOfAny(['{', '}'], i + 1);
            if (close < 0 || text[close] == '{')
            {
                throw Bad(i, "'{' is never closed");
            }
            string key = text[(i + 1)..close];
            if (!IsKey(key))
            {
                throw Bad(i + 1, key.Length == 0 ? "empty '{}': name a metadata key" : $"'{key}' is not a key (letters, digits, '_' and '-', not first a digit)");
            }
            string metadataKey = key == "r" ? "rounds" : key;
            if (keys.Contains(metadataKey))
            {
                throw Bad(i + 1, $"key '{metadataKey}' appears twice");
            }
            regex.Append("(?<k").Append(keys.Count).Append(">").Append(NumberOrText).Append(')');
            keys.Add(metadataKey);
            i = close;
        }
        if (keys.Count == 0)
        {
            throw new ArgumentException($"--name-pattern '{text}': no {{key}} placeholder (e.g. {{family}}_d{{d}}_r{{r}}_p{{p}})");
        }
        return new NamePattern(text, new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant), [.. keys]);
    }

    /// <summary>
    /// The metadata the pattern reads from <paramref name="stem"/>, added to <paramref name="metadata"/>
    /// (pattern values win); throws <see cref="InvalidDataException"/> naming the file when it does not match.
    /// </summary>
    public TaskMetadata Apply(string stem, TaskMetadata metadata, string path)
    {
        var match = _regex.Match(stem);
        if (!match.Success)
        {
            throw new InvalidDataException($"{path}: file name '{stem}' does not match --name-pattern '{Text}'");
        }
        for (int k = 0; k < _keys.Length; k++)
        {
            metadata = metadata.WithParsed(_keys[k], match.Groups["k" + k].Value);
        }
        return metadata;
    }

    private static bool IsKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}

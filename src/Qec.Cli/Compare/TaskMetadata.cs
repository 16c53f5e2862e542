using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qec.Cli.Compare;

/// <summary>
/// The <c>json_metadata</c> of a sinter task: a flat JSON object whose values are integers, reals or
/// strings (e.g. <c>{"d":5,"family":"surface","noise":"phenomenological","p":0.01,"rounds":5}</c>).
/// Its canonical text is what sinter writes with <c>json.dumps(…, separators=(',', ':'), sort_keys=True)</c>:
/// keys in ordinal order, no spaces, reals in shortest round-trip form with a lowercase exponent and a
/// ".0" when integral. An integer stays an integer and a real stays a real through
/// <see cref="ToJson"/> and <see cref="Parse"/>, so the text round-trips byte for byte.
/// </summary>
public sealed class TaskMetadata : IEquatable<TaskMetadata>
{
    private readonly ImmutableSortedDictionary<string, object> _values;

    private TaskMetadata(ImmutableSortedDictionary<string, object> values) => _values = values;

    /// <summary>The empty object <c>{}</c>.</summary>
    public static TaskMetadata Empty { get; } = new(ImmutableSortedDictionary.Create<string, object>(StringComparer.Ordinal));

    /// <summary>Keys in ordinal order.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>A copy with an integer value.</summary>
    public TaskMetadata With(string key, long value) => new(_values.SetItem(key, value));

    /// <summary>A copy with a real value (must be finite: JSON has no NaN or infinity).</summary>
    public TaskMetadata With(string key, double value) => double.IsFinite(value)
        ? new(_values.SetItem(key, value))
        : throw new ArgumentException($"metadata '{key}' must be a finite number, got {value}");

    /// <summary>A copy with a string value.</summary>
    public TaskMetadata With(string key, string value) => new(_values.SetItem(key, value));

    /// <summary>
    /// A copy with a value read from text: an integer when it reads as one (<c>05</c> → 5), else a real
    /// when it reads as a finite one (<c>1e-3</c>), else the text as a string.
    /// </summary>
    public TaskMetadata WithParsed(string key, string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? With(key, l)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) ? With(key, x)
        : With(key, text);

    /// <summary>A copy with every key of <paramref name="other"/> set to its value there (other's values win).</summary>
    public TaskMetadata Merge(TaskMetadata other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(_values.SetItems(other._values));
    }

    /// <summary>True when the key is present.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The value as a number when it is an integer or a real.</summary>
    public bool TryGetNumber(string key, out double value)
    {
        switch (_values.GetValueOrDefault(key))
        {
            case long l:
                value = l;
                return true;
            case double d:
                value = d;
                return true;
            default:
                value = double.NaN;
                return false;
        }
    }

    /// <summary>The value as text (numbers in their JSON form, strings unquoted), or null when absent.</summary>
    public string? GetText(string key) => _values.GetValueOrDefault(key) switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatReal(d),
        var other => other.ToString(),
    };

    /// <summary>The canonical compact JSON text.</summary>
    public string ToJson()
    {
        var text = new StringBuilder("{");
        foreach (var (key, value) in _values)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }
            AppendString(text, key);
            text.Append(':');
            switch (value)
            {
                case long l:
                    text.Append(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    text.Append(FormatReal(d));
                    break;
                default:
                    AppendString(text, (string)value);
                    break;
            }
        }
        return text.Append('}').ToString();
    }

    /// <summary>
    /// Parses a flat JSON object; throws <see cref="FormatException"/> naming <paramref name="where"/> on
    /// anything else (nested objects, arrays, booleans and null are not metadata this tool writes).
    /// </summary>
    public static TaskMetadata Parse(string json, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{where}: json_metadata is not valid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{where}: json_metadata must be a JSON object, found {document.RootElement.ValueKind}");
            }
            var builder = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                builder[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => ParseNumber(property.Value.GetRawText()),
                    var kind => throw new FormatException(
                        $"{where}: json_metadata value '{property.Name}' is {kind}; only numbers and strings are supported"),
                };
            }
            return new TaskMetadata(builder.ToImmutable());
        }
    }

    /// <summary>
    /// A real as Python's <c>repr</c> writes it: the shortest digits that round-trip, positional when the
    /// decimal exponent e satisfies −4 ≤ e &lt; 16 (always with a fraction: "3.0", "0.0001"), else
    /// scientific with a signed two-digit exponent ("1e-05", "1e+16", "1.5e+300").
    /// </summary>
    public static string FormatReal(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }
        // "E16" is not shortest; "R" is, in either notation: read its digits and exponent back out.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOf('E');
        string mantissa = e < 0 ? shortest : shortest[..e];
        int point = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        int exponent = (point < 0 ? mantissa.Length : point) - 1 + (e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture));
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        exponent -= leading;
        string sign = value < 0 ? "-" : "";
        if (exponent is >= -4 and < 16)
        {
            if (exponent < 0)
            {
                return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
            }
            string whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
            string fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
            return $"{sign}{whole}.{fraction}";
        }
        string rest = digits.Length > 1 ? "." + digits[1..] : "";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{digits[0]}{rest}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
    }

    private static object ParseNumber(string raw) =>
        raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
            ? l
            : (object)double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AppendString(StringBuilder text, string value)
    {
        // Python's json.dumps escapes non-ASCII (ensure_ascii) and control characters as \uXXXX.
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7f)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    /// <inheritdoc/>
    public bool Equals(TaskMetadata? other) => other is not null && ToJson() == other.ToJson();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TaskMetadata);

    /// <inheritdoc/>
    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}

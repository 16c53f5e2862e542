using System.Globalization;
using System.Text;

namespace Qec.Cli.Compare;

/// <summary>
/// Reads and writes sinter's statistics CSV (sinter ≤ 1.12 columns, exactly):
/// <code>
///      shots,    errors,  discards, seconds,decoder,strong_id,json_metadata
///      10000,        12,         0,    1.23,mwpm,3f2a…,"{""d"":5,""p"":0.01}"
/// </code>
/// Writing follows sinter's <c>csv_line</c>: counts right-aligned to width 10, seconds to width 8 with
/// 3/2/1 decimals below 1 s / below 10 s / above, the metadata as canonical JSON quoted the way
/// Python's <c>csv.writer</c> quotes (a field holding ',' or '"' is wrapped in quotes, quotes doubled).
/// Reading trims padding, accepts quoted or bare fields in any of the seven columns in the header's
/// order, and also sinter ≥ 1.13's extra <c>custom_counts</c> column when it is empty or <c>{}</c>.
/// </summary>
public static class SinterCsv
{
    /// <summary>The seven column names, in order.</summary>
    public static readonly string[] Columns = ["shots", "errors", "discards", "seconds", "decoder", "strong_id", "json_metadata"];

    /// <summary>The header line sinter writes (without newline).</summary>
    public static string Header { get; } = FormatLine("shots", "errors", "discards", "seconds", "decoder", "strong_id", "json_metadata");

    /// <summary>One row as a CSV line (without newline).</summary>
    public static string FormatRow(StatsRow row) => FormatLine(
        row.Shots.ToString(CultureInfo.InvariantCulture),
        row.Errors.ToString(CultureInfo.InvariantCulture),
        row.Discards.ToString(CultureInfo.InvariantCulture),
        FormatSeconds(row.Seconds),
        row.Decoder,
        row.StrongId,
        row.Metadata.ToJson());

    /// <summary>Seconds with sinter's precision: 3 decimals below 1 s, 2 below 10 s, else 1.</summary>
    public static string FormatSeconds(double seconds) =>
        seconds.ToString(seconds < 1 ? "0.000" : seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses CSV text whose first non-blank line is the header. <paramref name="source"/> names the
    /// input in errors (with the line number). When <paramref name="tornTail"/> is given, a last line
    /// that has no newline and does not parse (a write cut short by a kill) is dropped and reported
    /// there instead of failing; its byte offset is returned through <paramref name="tornAt"/>.
    /// </summary>
    public static List<StatsRow> Parse(string text, string source, Action<string>? tornTail, out long tornAt)
    {
        tornAt = -1;
        var rows = new List<StatsRow>();
        int[]? order = null;
        int lineNumber = 0;
        int position = 0;
        while (position < text.Length)
        {
            int end = text.IndexOf('\n', position);
            bool complete = end >= 0;
            string line = (complete ? text[position..end] : text[position..]).TrimEnd('\r');
            int lineStart = position;
            position = complete ? end + 1 : text.Length;
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            try
            {
                if (order is null)
                {
                    order = ParseHeader(line, source, lineNumber);
                    continue;
                }
                rows.Add(ParseRow(line, order, $"{source}:{lineNumber}"));
            }
            catch (Exception e) when ((e is FormatException or InvalidDataException) && !complete && tornTail is not null)
            {
                tornAt = Encoding.UTF8.GetByteCount(text.AsSpan(0, lineStart));
                tornTail($"{source}:{lineNumber}: ignoring an incomplete last line (a write cut short?): {Shorten(line)}");
            }
        }
        return rows;
    }

    /// <summary>Reads a whole file; see <see cref="Parse"/>. An empty or missing header is an error.</summary>
    public static List<StatsRow> ReadFile(string path, Action<string>? tornTail = null) =>
        ReadFile(path, tornTail, out _);

    /// <summary>Reads a whole file and reports where a torn last line starts (-1 when none).</summary>
    public static List<StatsRow> ReadFile(string path, Action<string>? tornTail, out long tornAt)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no such statistics file: {path}");
        }
        string text = File.ReadAllText(path);
        if (text.Trim().Length == 0)
        {
            throw new InvalidDataException($"{path}: empty file (expected a sinter CSV header: {Header.Replace(" ", "", StringComparison.Ordinal)})");
        }
        return Parse(text, path, tornTail, out tornAt);
    }

    private static int[] ParseHeader(string line, string source, int lineNumber)
    {
        var names = SplitFields(line, $"{source}:{lineNumber}");
        var order = new int[Columns.Length];
        Array.Fill(order, -1);
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i].Trim();
            int column = Array.IndexOf(Columns, name);
            if (column >= 0 && order[column] < 0)
            {
                order[column] = i;
            }
            else if (name != "custom_counts")
            {
                throw new InvalidDataException($"{source}:{lineNumber}: unexpected column '{name}' in the header (expected {string.Join(",", Columns)})");
            }
        }
        int missing = Array.IndexOf(order, -1);
        if (missing >= 0)
        {
            throw new InvalidDataException($"{source}:{lineNumber}: the header lacks column '{Columns[missing]}' (expected {string.Join(",", Columns)})");
        }
        // Remember where custom_counts is (if any) as an extra trailing entry.
        int custom = names.FindIndex(n => n.Trim() == "custom_counts");
        return custom < 0 ? order : [.. order, custom];
    }

    private static StatsRow ParseRow(string line, int[] order, string where)
    {
        var fields = SplitFields(line, where);
        int expected = order.Length;
        if (fields.Count != expected)
        {
            throw new FormatException($"{where}: expected {expected} fields, found {fields.Count}");
        }
        if (order.Length > Columns.Length)
        {
            string custom = fields[order[^1]].Trim();
            if (custom.Length > 0 && custom != "{}")
            {
                throw new InvalidDataException($"{where}: custom_counts '{Shorten(custom)}' is not supported");
            }
        }
        string Field(int column) => fields[order[column]].Trim();
        return new StatsRow(
            Count(Field(0), "shots", where),
            Count(Field(1), "errors", where),
            Count(Field(2), "discards", where),
            Seconds(Field(3), where),
            NonEmpty(Field(4), "decoder", where),
            NonEmpty(Field(5), "strong_id", where),
            TaskMetadata.Parse(NonEmpty(Field(6), "json_metadata", where), where));
    }

    private static long Count(string text, string column, string where) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new FormatException($"{where}: {column} '{Shorten(text)}' is not a non-negative integer");

    private static double Seconds(string text, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"{where}: seconds '{Shorten(text)}' is not a non-negative number");

    private static string NonEmpty(string text, string column, string where) =>
        text.Length > 0 ? text : throw new FormatException($"{where}: {column} is empty");

    /// <summary>Splits one CSV line (RFC 4180 quoting; no field spans lines).</summary>
    private static List<string> SplitFields(string line, string where)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"{where}: unterminated quoted field");
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }
                if (i < line.Length && line[i] != ',')
                {
                    throw new FormatException($"{where}: unexpected '{line[i]}' after a quoted field at column {i + 1}");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                    {
                        throw new FormatException($"{where}: stray quote at column {i + 1}");
                    }
                    field.Append(line[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }
            i++; // the comma
        }
    }

    private static string FormatLine(string shots, string errors, string discards, string seconds, string decoder, string strongId, string json) =>
        $"{Escape(shots).PadLeft(10)},{Escape(errors).PadLeft(10)},{Escape(discards).PadLeft(10)},{Escape(seconds).PadLeft(8)}," +
        $"{Escape(decoder)},{Escape(strongId)},{Escape(json)}";

    /// <summary>Python csv.writer's minimal quoting: quote a field holding a delimiter, quote or line break.</summary>
    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

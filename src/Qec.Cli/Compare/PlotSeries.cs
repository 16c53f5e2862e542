using System.Globalization;

namespace Qec.Cli.Compare;

/// <summary>What a plot shows on its y axis.</summary>
public enum PlotQuantity
{
    /// <summary>Logical error rate per shot, with a binomial interval.</summary>
    ShotErrorRate,

    /// <summary>Logical error rate per round (needs "rounds" in the metadata), with the interval mapped the same way.</summary>
    RoundErrorRate,

    /// <summary>Core-microseconds of sampling and decoding per shot (no interval).</summary>
    MicrosPerShot,
}

/// <summary>Which binomial interval draws the error bars.</summary>
public enum IntervalKind
{
    /// <summary>95% Wilson score interval.</summary>
    Wilson,

    /// <summary>Likelihood ratio within 1000 of the maximum (sinter's default highlight).</summary>
    Likelihood,
}

/// <summary>One point of a series: x, the estimate and its interval (Low = High = Y when there is none).</summary>
public readonly record struct PlotPoint(double X, double Y, double Low, double High, long Shots, long Errors);

/// <summary>A line of a plot: the rows whose group keys have the values of <see cref="Values"/>.</summary>
/// <param name="Values">The group key values, in the order of the keys.</param>
/// <param name="Points">Points sorted by x.</param>
public sealed record PlotSeries(IReadOnlyList<string> Values, IReadOnlyList<PlotPoint> Points);

/// <summary>Turns combined statistics rows into plot series.</summary>
public static class PlotSeriesBuilder
{
    /// <summary>The value of <paramref name="key"/> for a row: "decoder" is the decoder column, anything else a metadata key.</summary>
    public static string? ValueOf(StatsRow row, string key) => key == "decoder" ? row.Decoder : row.Metadata.GetText(key);

    /// <summary>
    /// One series per distinct combination of <paramref name="groupKeys"/>, points at the x of
    /// <paramref name="xKey"/>, after keeping only rows that match every filter (key=value text match).
    /// Rows must already be combined (one per strong id); rows at the same x in one series are added.
    /// </summary>
    public static List<PlotSeries> Build(IReadOnlyList<StatsRow> rows, string xKey, IReadOnlyList<string> groupKeys,
        PlotQuantity quantity, IntervalKind interval, IReadOnlyList<(string Key, string Value)> filters)
    {
        var groups = new Dictionary<string, (string[] Values, SortedDictionary<double, StatsRow> ByX)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!Matches(row, filters) || row.Shots == 0)
            {
                continue;
            }
            double x = Number(row, xKey);
            string[] values = [.. groupKeys.Select(k => ValueOf(row, k) ?? throw MissingKey(row, k))];
            string id = string.Join("\u001f", values);
            if (!groups.TryGetValue(id, out var group))
            {
                group = (values, new SortedDictionary<double, StatsRow>());
                groups[id] = group;
            }
            // Tasks that differ only in keys outside the grouping land on the same point: add their counts.
            group.ByX[x] = group.ByX.TryGetValue(x, out var existing) ? Merge(existing, row) : row;
        }
        if (groups.Count == 0)
        {
            throw new InvalidDataException(filters.Count > 0 ? "no rows match the filters" : "no rows with shots to plot");
        }
        var series = new List<PlotSeries>();
        foreach (var (values, byX) in groups.Values)
        {
            var points = new List<PlotPoint>();
            foreach (var (x, row) in byX)
            {
                points.Add(Point(row, x, quantity, interval));
            }
            series.Add(new PlotSeries(values, points));
        }
        series.Sort((a, b) => CompareValues(a.Values, b.Values));
        return series;
    }

    private static PlotPoint Point(StatsRow row, double x, PlotQuantity quantity, IntervalKind interval)
    {
        if (quantity == PlotQuantity.MicrosPerShot)
        {
            double micros = row.Seconds * 1e6 / row.Shots;
            return new PlotPoint(x, micros, micros, micros, row.Shots, row.Errors);
        }
        var rate = interval == IntervalKind.Wilson
            ? BinomialInterval.Wilson(row.Errors, row.Shots)
            : BinomialInterval.Likelihood(row.Errors, row.Shots);
        if (quantity == PlotQuantity.RoundErrorRate)
        {
            rate = BinomialInterval.PerRound(rate, Number(row, "rounds"));
        }
        return new PlotPoint(x, rate.Estimate, rate.Low, rate.High, row.Shots, row.Errors);
    }

    private static StatsRow Merge(StatsRow a, StatsRow b) => a with
    {
        Shots = a.Shots + b.Shots,
        Errors = a.Errors + b.Errors,
        Discards = a.Discards + b.Discards,
        Seconds = a.Seconds + b.Seconds,
    };

    /// <summary>
    /// True when, for every key named by the filters, the row's value equals one of that key's values
    /// (several values of one key: any of them; different keys: all of them). Numbers compare as numbers
    /// (p=0.01 matches 0.010), anything else as text.
    /// </summary>
    public static bool Matches(StatsRow row, IReadOnlyList<(string Key, string Value)> filters)
    {
        foreach (var (key, _) in filters)
        {
            string? actual = ValueOf(row, key);
            bool any = false;
            foreach (var (otherKey, value) in filters)
            {
                if (otherKey == key && actual is not null && Same(actual, value))
                {
                    any = true;
                    break;
                }
            }
            if (!any)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Same(string actual, string wanted) =>
        double.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
        && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
            ? w == a
            : actual == wanted;

    private static double Number(StatsRow row, string key)
    {
        if (row.Metadata.TryGetNumber(key, out double value))
        {
            return value;
        }
        throw row.Metadata.Contains(key)
            ? new InvalidDataException($"task {row.StrongId[..Math.Min(12, row.StrongId.Length)]}: metadata '{key}' = '{row.Metadata.GetText(key)}' is not a number")
            : MissingKey(row, key);
    }

    private static InvalidDataException MissingKey(StatsRow row, string key) =>
        new($"task {row.StrongId[..Math.Min(12, row.StrongId.Length)]} ({row.Decoder} {row.Metadata.ToJson()}) has no '{key}' " +
            $"(keys: decoder{string.Concat(row.Metadata.Keys.Select(k => ", " + k))})");

    /// <summary>Orders group values numerically where both are numbers, else ordinally.</summary>
    private static int CompareValues(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (int i = 0; i < a.Count; i++)
        {
            int c = double.TryParse(a[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                    && double.TryParse(b[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }
}

using ScottPlot;
using ScottPlot.Plottables;

namespace Qec.Cli.Compare;

/// <summary>What to draw.</summary>
/// <param name="XKey">Metadata key on the x axis (e.g. "p" or "d").</param>
/// <param name="GroupKeys">Keys whose value combinations make the lines (e.g. decoder, d).</param>
/// <param name="Quantity">The y quantity.</param>
/// <param name="Interval">Error bars for the error rates.</param>
/// <param name="LogX">Log x axis; null: log when all x are positive and span a factor of 4 or more.</param>
/// <param name="Title">Title; null: made from the quantity, the x key and the metadata all rows share.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record PlotRequest(string XKey, IReadOnlyList<string> GroupKeys, PlotQuantity Quantity, IntervalKind Interval,
    bool? LogX = null, string? Title = null, int Width = 1000, int Height = 680);

/// <summary>
/// Draws statistics as a ScottPlot PNG: one line per series with markers and binomial error bars on a
/// log y axis; the first group key picks the marker and dash pattern and the other keys the colour, so
/// "decoder,d" shows each decoder in its own style and each distance in its own colour.
/// </summary>
public static class StatsPlot
{
    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Saves the plot; returns how many points were left out (zero rate on a log axis).</summary>
    public static int Save(IReadOnlyList<PlotSeries> series, PlotRequest request, IReadOnlyList<StatsRow> rows, string path)
    {
        using var plot = new Plot();
        plot.Font.Set(SansFont());
        bool logX = request.LogX ?? AutoLogX(series);
        int omitted = 0;
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        var (styleOf, colorOf) = Styles(series, request.GroupKeys.Count);
        var palette = new ScottPlot.Palettes.Category10().Colors;
        for (int s = 0; s < series.Count; s++)
        {
            var points = series[s].Points.Where(p => p.Y > 0 && (!logX || p.X > 0)).ToList();
            omitted += series[s].Points.Count - points.Count;
            if (points.Count == 0)
            {
                continue;
            }
            double[] xs = [.. points.Select(p => logX ? Math.Log10(p.X) : p.X)];
            double[] ys = [.. points.Select(p => Math.Log10(p.Y))];
            var color = palette[colorOf[s] % palette.Length];
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = Label(request.GroupKeys, series[s].Values);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = Markers[styleOf[s] % Markers.Length];
            line.LinePattern = Patterns[styleOf[s] % Patterns.Length];
            if (request.Quantity != PlotQuantity.MicrosPerShot)
            {
                double[] up = [.. points.Select((p, i) => Math.Log10(p.High) - ys[i])];
                double[] down = [.. points.Select((p, i) => ys[i] - Math.Log10(p.Low))];
                plot.Add.Plottable(new ErrorBar(xs, ys, null, null, up, down) { Color = color, LineWidth = 1.5f, CapSize = 5 });
                yMin = Math.Min(yMin, down.Select((d, i) => ys[i] - d).Min());
                yMax = Math.Max(yMax, up.Select((u, i) => ys[i] + u).Max());
            }
            xMin = Math.Min(xMin, xs.Min());
            xMax = Math.Max(xMax, xs.Max());
            yMin = Math.Min(yMin, ys.Min());
            yMax = Math.Max(yMax, ys.Max());
        }
        if (double.IsInfinity(xMin))
        {
            throw new InvalidDataException("nothing to plot: every point has a zero rate (no errors) or a non-positive x on a log axis");
        }
        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = LogTicks.Create(xMin, xMax);
        }
        else if (IntegerTicks(series) is { } integers)
        {
            plot.Axes.Bottom.TickGenerator = integers;
        }
        plot.Axes.Left.TickGenerator = LogTicks.Create(yMin, yMax);
        double xPad = Math.Max(xMax - xMin, logX ? 0.2 : 1) * 0.06, yPad = Math.Max(yMax - yMin, 0.5) * 0.06;
        plot.Axes.SetLimits(xMin - xPad, xMax + xPad, yMin - yPad, yMax + yPad);
        plot.XLabel(AxisName(request.XKey), 16);
        plot.YLabel(QuantityName(request.Quantity, request.Interval), 16);
        plot.Title(request.Title ?? DefaultTitle(request, rows), 18);
        plot.Legend.FontSize = 14;
        plot.Legend.SymbolWidth = 40; // long enough to show the dash pattern
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        plot.SavePng(path, request.Width, request.Height);
        return omitted;
    }

    /// <summary>The first installed of a few common sans-serif families (ScottPlot's default may be missing on Linux).</summary>
    internal static string SansFont()
    {
        foreach (string name in (string[])["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"])
        {
            if (Fonts.GetTypeface(name, false, false) is { } typeface && typeface.FamilyName == name)
            {
                return name;
            }
        }
        return Fonts.Sans;
    }

    /// <summary>"mwpm, d=5": the decoder's value alone, other keys as key=value.</summary>
    public static string Label(IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
        keys.Count == 0 ? "all" : string.Join(", ", keys.Select((k, i) => k == "decoder" ? values[i] : $"{k}={values[i]}"));

    private static bool AutoLogX(IReadOnlyList<PlotSeries> series)
    {
        var xs = series.SelectMany(s => s.Points).Select(p => p.X).ToList();
        return xs.All(x => x > 0) && xs.Max() / xs.Min() >= 4;
    }

    /// <summary>A tick at every x when the x are few integers (distances, rounds), else null (automatic ticks).</summary>
    private static ScottPlot.TickGenerators.NumericManual? IntegerTicks(IReadOnlyList<PlotSeries> series)
    {
        var xs = series.SelectMany(s => s.Points).Select(p => p.X).Distinct().Order().ToList();
        if (xs.Count > 20 || xs.Any(x => x != Math.Round(x)))
        {
            return null;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double x in xs)
        {
            ticks.AddMajor(x, x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return ticks;
    }

    /// <summary>
    /// Style index per series from the first key's value; colour index from the other keys' values, or
    /// from the first key's when the others do not vary (so two decoders at one p still differ in colour).
    /// </summary>
    private static (int[] Style, int[] Color) Styles(IReadOnlyList<PlotSeries> series, int keyCount)
    {
        var style = new int[series.Count];
        var color = new int[series.Count];
        var styleIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var colorIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < series.Count; s++)
        {
            var values = series[s].Values;
            string styleKey = keyCount >= 2 ? values[0] : "";
            string colorKey = string.Join("\u001f", keyCount >= 2 ? values.Skip(1) : values);
            style[s] = styleIds.TryGetValue(styleKey, out int a) ? a : styleIds[styleKey] = styleIds.Count;
            color[s] = colorIds.TryGetValue(colorKey, out int b) ? b : colorIds[colorKey] = colorIds.Count;
        }
        return colorIds.Count == 1 && styleIds.Count > 1 ? (style, style) : (style, color);
    }

    private static string AxisName(string key) => key switch
    {
        "p" => "physical error rate p",
        "d" => "code distance d",
        "rounds" => "rounds",
        _ => key,
    };

    private static string QuantityName(PlotQuantity quantity, IntervalKind interval)
    {
        string bars = interval == IntervalKind.Wilson ? "bars: 95% Wilson interval" : "bars: likelihood ratio 1000";
        return quantity switch
        {
            PlotQuantity.ShotErrorRate => $"logical error rate per shot ({bars})",
            PlotQuantity.RoundErrorRate => $"logical error rate per round ({bars})",
            _ => "µs per shot (sampling + decoding, one core)",
        };
    }

    private static string DefaultTitle(PlotRequest request, IReadOnlyList<StatsRow> rows)
    {
        string what = request.Quantity switch
        {
            PlotQuantity.ShotErrorRate => "Logical error rate per shot",
            PlotQuantity.RoundErrorRate => "Logical error rate per round",
            _ => "Time per shot",
        };
        var shared = new List<string>();
        foreach (string key in (string[])["family", "noise"])
        {
            var values = rows.Select(r => r.Metadata.GetText(key)).Distinct().ToList();
            if (values is [{ } only])
            {
                shared.Add(only);
            }
        }
        return shared.Count > 0 ? $"{what} vs {request.XKey}: {string.Join(", ", shared)}" : $"{what} vs {request.XKey}";
    }
}

using System.CommandLine;
using Qec.Cli.Compare;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd plot stats.csv… --x p --group decoder,d [--y shot|round|time] [--filter key=value…]
/// [--interval wilson|likelihood] --out thresh.png</c>: logical error rate (per shot or per round, with
/// binomial error bars) or time per shot against a metadata key, one line per group, as a PNG.
/// </summary>
public static class PlotCommand
{
    private static readonly (string Name, PlotQuantity Quantity)[] Quantities =
    [
        ("shot", PlotQuantity.ShotErrorRate),
        ("round", PlotQuantity.RoundErrorRate),
        ("time", PlotQuantity.MicrosPerShot),
    ];

    /// <summary>Builds the <c>plot</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "sinter CSV files (rows with the same strong_id are added)", Arity = ArgumentArity.OneOrMore };
        var x = new Option<string>("--x") { Description = "metadata key on the x axis", DefaultValueFactory = _ => "p" };
        var group = new Option<string>("--group") { Description = "comma-separated keys (decoder or metadata) that make one line each", DefaultValueFactory = _ => "decoder,d" };
        var y = new Option<string>("--y") { Description = "shot: error rate per shot; round: per round; time: µs per shot", DefaultValueFactory = _ => "shot" };
        y.AcceptOnlyFromAmong([.. Quantities.Select(q => q.Name)]);
        var interval = new Option<string>("--interval") { Description = "error bars: wilson (95%) or likelihood (ratio 1000, as sinter)", DefaultValueFactory = _ => "wilson" };
        interval.AcceptOnlyFromAmong("wilson", "likelihood");
        var filter = new Option<string[]>("--filter") { Description = "keep rows with key=value (repeatable)", AllowMultipleArgumentsPerToken = true };
        var xScale = new Option<string>("--x-scale") { Description = "auto, log or linear", DefaultValueFactory = _ => "auto" };
        xScale.AcceptOnlyFromAmong("auto", "log", "linear");
        var title = new Option<string?>("--title") { Description = "plot title (default: from the data)" };
        var width = new Option<int>("--width") { Description = "image width in pixels", DefaultValueFactory = _ => 1000 };
        var height = new Option<int>("--height") { Description = "image height in pixels", DefaultValueFactory = _ => 680 };
        var output = new Option<FileInfo>("--out", "-o") { Description = "output PNG", Required = true };
        var command = new Command("plot", "plot logical error rates or time per shot from sinter CSVs as a PNG")
        {
            files, x, group, y, interval, filter, xScale, title, width, height, output,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            if (parse.GetValue(width) < 100 || parse.GetValue(height) < 100)
            {
                throw new ArgumentException("--width and --height must be at least 100 pixels");
            }
            var rows = new List<StatsRow>();
            foreach (var file in parse.GetValue(files)!)
            {
                rows.AddRange(SinterCsv.ReadFile(file.FullName, warning => console.Error.WriteLine($"qecd: warning: {warning}")));
            }
            var filters = ParseFilters(parse.GetValue(filter) ?? []);
            var kept = StatsCombiner.Combine(rows).Where(r => PlotSeriesBuilder.Matches(r, filters)).ToList();
            if (kept.Count == 0 && filters.Count > 0)
            {
                throw new InvalidDataException($"no rows match {string.Join(" ", filters.Select(f => $"--filter {f.Key}={f.Value}"))}");
            }
            string[] groupKeys = parse.GetValue(group)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var quantity = Quantities.First(q => q.Name == parse.GetValue(y)).Quantity;
            var intervalKind = parse.GetValue(interval) == "wilson" ? IntervalKind.Wilson : IntervalKind.Likelihood;
            var series = PlotSeriesBuilder.Build(kept, parse.GetValue(x)!, groupKeys, quantity, intervalKind, []);
            bool? logX = parse.GetValue(xScale) switch { "log" => true, "linear" => false, _ => null };
            var request = new PlotRequest(parse.GetValue(x)!, groupKeys, quantity, intervalKind, logX, parse.GetValue(title),
                parse.GetValue(width), parse.GetValue(height));
            string path = parse.GetValue(output)!.FullName;
            int omitted = StatsPlot.Save(series, request, kept, path);
            int points = series.Sum(s => s.Points.Count);
            string note = omitted > 0 ? $" ({omitted} with no errors left out of the log axis)" : "";
            console.Error.WriteLine($"wrote {path}: {series.Count} lines, {points - omitted} points{note}");
            return 0;
        }));
        return command;
    }

    private static List<(string Key, string Value)> ParseFilters(string[] filters)
    {
        var parsed = new List<(string, string)>();
        foreach (string f in filters)
        {
            int eq = f.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"--filter '{f}' must look like key=value");
            }
            parsed.Add((f[..eq].Trim(), f[(eq + 1)..].Trim()));
        }
        return parsed;
    }
}

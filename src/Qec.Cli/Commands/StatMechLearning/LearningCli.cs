using System.CommandLine;
using System.Globalization;
using Qec.Cli.Compare;
using ScottPlot;
using Spectre.Console;

namespace Qec.Cli.Commands.StatMechLearning;

/// <summary>
/// The learning and mean-field subcommands of <c>qecd statmech</c> (hopfield, inverse-ising, rbm, meanfield) and what
/// they share: parsing a list of values, one-line validation errors, a progress bar on a terminal and line plots.
/// </summary>
public static class LearningCli
{
    /// <summary>Adds the subcommands to the <c>statmech</c> group and returns it.</summary>
    public static Command AddTo(Command statmech, CliConsole console)
    {
        statmech.Subcommands.Add(HopfieldCommand.Create(console));
        statmech.Subcommands.Add(InverseIsingCommand.Create(console));
        statmech.Subcommands.Add(RbmCommand.Create(console));
        statmech.Subcommands.Add(MeanFieldCommand.Create(console));
        StatMechIsing.IsingCli.AddTo(statmech, console);
        statmech.Subcommands.Add(StatMechVan.VanCommand.Create(console));
        return statmech;
    }

    /// <summary>"0.1,0.5,1" or "0.1:2:0.1" (start:stop:step, stop included) → the values; names the option in errors.</summary>
    internal static double[] ParseList(string option, string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 3)
        {
            double start = Number(option, text, parts[0]), stop = Number(option, text, parts[1]), step = Number(option, text, parts[2]);
            if (!(step > 0) || stop < start) throw new ArgumentException($"{option} '{text}': a range start:stop:step needs step > 0 and stop ≥ start");
            var count = (int)Math.Floor((stop - start) / step + 1e-9) + 1;
            if (count > 10_000) throw new ArgumentException($"{option} '{text}' has {count} values; at most 10000");
            return [.. Enumerable.Range(0, count).Select(k => Math.Round(start + k * step, 12))];
        }
        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => Number(option, text, p))];
    }

    /// <summary>Throws one line when some β is not positive and finite.</summary>
    internal static void CheckBetas(double[] betas)
    {
        if (betas.Length == 0) throw new ArgumentException("--betas is empty");
        foreach (var beta in betas)
            if (!(beta > 0) || !double.IsFinite(beta))
                throw new ArgumentException(Invariant($"--betas: β = {beta} is not positive; every β must be > 0 and finite"));
    }

    /// <summary>Throws one line when n is outside 2..max (enumeration or memory limit named in <paramref name="why"/>).</summary>
    internal static void CheckSize(string option, int n, int max, string why)
    {
        if (n < 2 || n > max) throw new ArgumentException($"{option} {n}: expected 2 ≤ n ≤ {max} ({why})");
    }

    /// <summary>Runs <paramref name="work"/> with a Spectre progress bar on a terminal's standard error, silently otherwise.</summary>
    internal static void WithProgress(string description, double total, Action<Action<double>> work)
    {
        if (Console.IsErrorRedirected)
        {
            work(_ => { });
            return;
        }
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                work(increment => task.Increment(increment));
            });
    }

    /// <summary>Saves a line plot with one series per entry as a PNG and reports it on standard error.</summary>
    internal static void SaveLinePlot(CliConsole console, string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, double[] X, double[] Y)> series, bool logY = false)
    {
        using var plot = new Plot();
        plot.Font.Set(StatsPlot.SansFont());
        var palette = new ScottPlot.Palettes.Category10().Colors;
        for (var s = 0; s < series.Count; s++)
        {
            var ys = logY ? series[s].Y.Select(y => Math.Log10(Math.Max(y, 1e-300))).ToArray() : series[s].Y;
            var line = plot.Add.Scatter(series[s].X, ys, palette[s % palette.Length]);
            line.LegendText = series[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? $"log10 {yLabel}" : yLabel);
        if (series.Count > 1) plot.ShowLegend();
        Save(console, plot, path, 1000, 650);
    }

    /// <summary>Writes the PNG, creating its folder.</summary>
    internal static void Save(CliConsole console, Plot plot, string path, int width, int height)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        plot.SavePng(full, width, height);
        console.Error.WriteLine($"wrote {full}");
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Number(string option, string text, string part) =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value)
            ? value
            : throw new ArgumentException($"{option} '{text}': '{part}' is not a number");
}

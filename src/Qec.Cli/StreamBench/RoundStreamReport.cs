using System.Globalization;

namespace Qec.Cli.StreamBench;

/// <summary>Prints, appends and plots round-streaming measurements.</summary>
public static class RoundStreamReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A markdown table (pasteable into bench/RESULTS.md), one row per measurement.</summary>
    public static void Print(TextWriter output, IReadOnlyList<RoundStreamResult> results)
    {
        output.WriteLine("finish = latency after the final round (its push + Finish); decode = all pushes of a shot ÷ its rounds; backlog in rounds (max over the run)");
        output.WriteLine("| rounds | shots | W | C | events/round | errors | finish p50 µs | finish p99 µs | finish max µs | decode µs/round | whole-shot µs/round | push p50 µs | push p99 µs | push max µs | max uncommitted | max queued | alloc B/shot | heap MB | working set MB | compile ms |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(Invariant,
                $"| {r.Rounds} | {r.Shots} | {r.Window} | {r.Commit} | {r.EventsPerRound:F2} | {r.LogicalErrors} | {r.FinishMicros.P50:F2} | {r.FinishMicros.P99:F2} | {r.FinishMicros.Max:F1} | " +
                $"{r.DecodeMicrosPerRound:F3} | {(r.WholeShotMicrosPerRound is { } w ? w.ToString("F3", Invariant) : "–")} | {r.PushMicros.P50:F3} | {r.PushMicros.P99:F2} | {r.PushMicros.Max:F1} | " +
                $"{r.Backlog.MaxUncommitted:F1} | {r.Backlog.MaxQueued:F1} | {r.AllocatedBytesPerShot:F0} | {r.HeapMegabytes:F1} | {r.WorkingSetMegabytes:F0} | {r.CompileMillis:F0} |"));
        }
        foreach (var r in results)
        {
            if (r.Note is not null)
            {
                output.WriteLine($"note ({r.Rounds} rounds): {r.Note}");
            }
        }
    }

    /// <summary>Appends one CSV row per measurement (header on a new file).</summary>
    public static void AppendCsv(FileInfo file, string model, string decoder, double periodMicros, IReadOnlyList<RoundStreamResult> results)
    {
        bool fresh = !file.Exists || file.Length == 0;
        using var writer = new StreamWriter(file.FullName, append: true);
        if (fresh)
        {
            writer.WriteLine("utc,model,decoder,rounds,shots,window,commit,events_per_round,logical_errors,finish_p50_us,finish_p99_us,finish_max_us," +
                             "decode_us_per_round,whole_shot_us_per_round,push_p50_us,push_p99_us,push_max_us,round_period_us,max_uncommitted_rounds,max_queued_rounds," +
                             "alloc_bytes_per_shot,heap_mb,working_set_mb");
        }
        foreach (var r in results)
        {
            writer.WriteLine(string.Join(",",
                DateTime.UtcNow.ToString("s", Invariant), model, decoder, r.Rounds, r.Shots, r.Window, r.Commit, F(r.EventsPerRound), r.LogicalErrors,
                F(r.FinishMicros.P50), F(r.FinishMicros.P99), F(r.FinishMicros.Max), F(r.DecodeMicrosPerRound), r.WholeShotMicrosPerRound is { } w ? F(w) : "",
                F(r.PushMicros.P50), F(r.PushMicros.P99), F(r.PushMicros.Max), F(periodMicros), F(r.Backlog.MaxUncommitted), F(r.Backlog.MaxQueued),
                F(r.AllocatedBytesPerShot), F(r.HeapMegabytes), F(r.WorkingSetMegabytes)));
        }
    }

    /// <summary>
    /// Plots the backlog of one measurement over its rounds: the largest number of received but
    /// uncommitted rounds, and of received but not yet decoded ones, per block of rounds.
    /// </summary>
    public static void SaveBacklogPlot(FileInfo file, string title, RoundStreamResult result, double periodMicros)
    {
        var b = result.Backlog;
        var xs = new double[b.UncommittedMax.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = (double)i * b.BlockRounds;
        }
        using var plot = new ScottPlot.Plot();
        plot.Font.Set(Compare.StatsPlot.SansFont());
        var palette = new ScottPlot.Palettes.Category10().Colors;
        var uncommitted = plot.Add.Scatter(xs, b.UncommittedMax, palette[0]);
        uncommitted.MarkerSize = 0;
        uncommitted.LineWidth = 1.5f;
        uncommitted.LegendText = string.Create(Invariant, $"received, not yet committed (max {b.MaxUncommitted:F1}; the window holds ≤ W = {result.Window} by design)");
        var queued = plot.Add.Scatter(xs, b.QueuedMax, palette[1]);
        queued.MarkerSize = 0;
        queued.LineWidth = 1.5f;
        queued.LegendText = string.Create(Invariant, $"received, not yet decoded (queue; max {b.MaxQueued:F1})");
        plot.Add.HorizontalLine(result.Window, 1, palette[2], ScottPlot.LinePattern.Dashed);
        plot.Axes.SetLimitsY(0, Math.Max(result.Window, Math.Max(b.MaxUncommitted, b.MaxQueued)) * 1.15 + 1);
        plot.Title(title, 12);
        plot.XLabel(string.Create(Invariant, $"round (a round arrives every {periodMicros:G4} µs; max per block of {b.BlockRounds} rounds, over {result.Shots} shot(s))"));
        plot.YLabel("backlog (rounds)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(file.FullName, 1100, 500);
    }

    private static string F(double v) => v.ToString("G6", Invariant);
}

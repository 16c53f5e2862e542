using System.Globalization;
using Spectre.Console;

namespace Qec.Cli.Compare;

/// <summary>
/// Shows a sweep's progress on standard error: on a terminal, a live Spectre.Console table with one bar
/// per task (shots, errors and error rate so far); otherwise (pipes, logs, tests) one plain line per
/// task when it ends.
/// </summary>
public static class SweepProgress
{
    /// <summary>Runs <paramref name="sweep"/> with an observer suited to where <paramref name="log"/> goes.</summary>
    public static SweepResult Run(TextWriter log, Func<ISweepObserver, SweepResult> sweep)
    {
        bool live = ReferenceEquals(log, Console.Error) && !Console.IsErrorRedirected;
        if (!live)
        {
            return sweep(new LineObserver(log));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SweepResult? result = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn())
            .Start(context => result = sweep(new LiveObserver(context)));
        return result!;
    }

    /// <summary>"shots 20480/100000  errors 123/1000  rate 6.01e-03".</summary>
    public static string Describe(TaskTotals t)
    {
        string rate = t.Shots > 0 ? ((double)t.Errors / t.Shots).ToString("0.00e+00", CultureInfo.InvariantCulture) : "-";
        string errorTarget = t.ErrorTarget is { } e ? "/" + e.ToString(CultureInfo.InvariantCulture) : "";
        return $"shots {t.Shots}/{t.ShotTarget}  errors {t.Errors}{errorTarget}  rate {rate}";
    }

    private static string EndText(TaskEnd end) => end switch
    {
        TaskEnd.ShotBudget => "shot budget reached",
        TaskEnd.ErrorBudget => "error budget reached",
        _ => "interrupted",
    };

    private sealed class LineObserver(TextWriter log) : ISweepObserver
    {
        private IReadOnlyList<SweepTask> _tasks = [];

        public void SweepStarted(IReadOnlyList<SweepTask> tasks, IReadOnlyList<TaskTotals> totals) => _tasks = tasks;

        public void TaskProgress(int index, TaskTotals totals)
        {
        }

        public void TaskFinished(int index, TaskTotals totals, TaskEnd end) =>
            log.WriteLine($"[{index + 1}/{_tasks.Count}] {_tasks[index].Label}: {Describe(totals)}, {totals.Seconds:F2} s ({EndText(end)})");
    }

    private sealed class LiveObserver(ProgressContext context) : ISweepObserver
    {
        private IReadOnlyList<SweepTask> _tasks = [];
        private ProgressTask?[] _bars = [];

        public void SweepStarted(IReadOnlyList<SweepTask> tasks, IReadOnlyList<TaskTotals> totals)
        {
            _tasks = tasks;
            _bars = new ProgressTask?[tasks.Count];
        }

        public void TaskProgress(int index, TaskTotals totals) => Update(index, totals, null);

        public void TaskFinished(int index, TaskTotals totals, TaskEnd end) => Update(index, totals, end);

        private void Update(int index, TaskTotals totals, TaskEnd? end)
        {
            var bar = _bars[index] ??= context.AddTask(Markup.Escape(_tasks[index].Label), maxValue: 1.0);
            string suffix = end is TaskEnd.Cancelled ? " (interrupted)" : "";
            string rate = totals.Shots > 0 ? ((double)totals.Errors / totals.Shots).ToString("0.00e+00", CultureInfo.InvariantCulture) : "-";
            bar.Description = Markup.Escape($"{_tasks[index].Label}: {totals.Errors}/{totals.Shots} = {rate}{suffix}");
            bar.Value = end is TaskEnd.ShotBudget or TaskEnd.ErrorBudget ? 1.0 : totals.Fraction;
            if (end is not null)
            {
                bar.StopTask();
            }
        }
    }
}

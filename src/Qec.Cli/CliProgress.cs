using Spectre.Console;

namespace Qec.Cli;

/// <summary>
/// A Spectre.Console progress bar on standard error for long work, shown only when standard error
/// is a terminal (pipes, CI logs and tests get no control characters).
/// </summary>
public static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports completed units through its callback.</summary>
    public static void Run(string description, long total, Action<Action<long>> work)
    {
        if (Console.IsErrorRedirected || total < 1_000_000)
        {
            work(_ => { });
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                work(done => task.Value = done);
            });
    }
}

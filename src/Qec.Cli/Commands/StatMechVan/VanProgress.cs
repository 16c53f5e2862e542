using Qec.StatMech.Variational;
using Spectre.Console;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechVan;

/// <summary>A progress bar over every training step of every β, its label showing the step, β_t, F/n and Var R of the
/// last batch; on a redirected standard error nothing is drawn.</summary>
internal static class VanProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports each step through the callback it is given.</summary>
    public static void Run(int totalSteps, Action<Action<VanEpoch>> work)
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
                var task = context.AddTask("van", maxValue: totalSteps);
                work(epoch =>
                {
                    if (epoch.Epoch % 10 == 0)
                        task.Description = Invariant($"van step {epoch.Epoch} β_t {epoch.Beta:0.000} F/n {epoch.FreeEnergyPerSpin:0.00000} var R {epoch.LossVariance:0.000}");
                    task.Increment(1);
                });
            });
    }
}

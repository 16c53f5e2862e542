using Qec.Cli.Compare;
using Qec.Core.Decoding;
using Qec.Matching;

namespace Qec.Cli.Tests.Compare;

/// <summary>Runs the sweep engine on generated models into a CSV, as <c>qecd compare</c> does, for tests.</summary>
internal static class SweepHarness
{
    public static DecoderRegistry Registry { get; } = MatchingDecoders.Register(new DecoderRegistry());

    public static List<SweepTask> Tasks(string spec, string decoders, int batchShots) =>
        SweepSources.Tasks(GenSpec.Generate(spec), SweepSources.Decoders(Registry, decoders), batchShots);

    public static SweepResult Run(string csvPath, SweepOptions options, string spec, string decoders = "mwpm",
        Action<CancellationTokenSource, int>? onRound = null)
    {
        using var cancel = new CancellationTokenSource();
        using var csv = SinterCsvAppender.Open(csvPath, _ => { });
        var observer = new Observer(rounds => onRound?.Invoke(cancel, rounds));
        return new SweepEngine(options).Run(Tasks(spec, decoders, options.Budget.BatchShots), csv, observer, cancel.Token);
    }

    /// <summary>Shots and errors per strong id in a CSV (rows summed).</summary>
    public static Dictionary<string, (long Shots, long Errors)> Totals(params string[] paths) =>
        StatsCombiner.Combine(paths.SelectMany(p => SinterCsv.ReadFile(p)))
            .ToDictionary(r => r.StrongId, r => (r.Shots, r.Errors));

    private sealed class Observer(Action<int> onRound) : ISweepObserver
    {
        private int _rounds;

        public void SweepStarted(IReadOnlyList<SweepTask> tasks, IReadOnlyList<TaskTotals> totals)
        {
        }

        public void TaskProgress(int index, TaskTotals totals) => onRound(++_rounds);

        public void TaskFinished(int index, TaskTotals totals, TaskEnd end)
        {
        }
    }
}

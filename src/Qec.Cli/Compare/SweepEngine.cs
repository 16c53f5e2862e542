using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Core.Sampling;

namespace Qec.Cli.Compare;

/// <summary>How a sweep runs.</summary>
/// <param name="Budget">Shot and error budget of each task, and the batch size.</param>
/// <param name="Shard">Which batches this process owns.</param>
/// <param name="Threads">Batches decoded at once (one thread each).</param>
/// <param name="Salt">Mixed into every batch seed (0 by default); runs that are to be added up must use different salts or be shards of one run.</param>
/// <param name="FlushSeconds">A row is appended once this much wall time has passed since the last one (0: one row per round of batches).</param>
public sealed record SweepOptions(SweepBudget Budget, ShardSpec Shard, int Threads, ulong Salt = 0, double FlushSeconds = 1.0);

/// <summary>What a sweep did: the totals of every task (earlier rows included) and how each one ended.</summary>
public sealed record SweepResult(IReadOnlyList<SweepTask> Tasks, IReadOnlyList<TaskTotals> Totals, IReadOnlyList<TaskEnd?> Ends)
{
    /// <summary>True when the sweep was cancelled before every task ended.</summary>
    public bool Cancelled => Ends.Any(e => e is null or TaskEnd.Cancelled);
}

/// <summary>
/// Runs a sweep: for each task in order, samples batches with the core sampler, decodes them with the
/// task's decoder and appends the counts to a sinter CSV.
/// <para>
/// Determinism: batch b of a task is sampled from <see cref="BatchSeeds.Seed"/>(strong id, salt, b). A
/// shard processes its batches in increasing index order, <see cref="SweepOptions.Threads"/> at a time;
/// results are added in index order and the task stops right after the batch that reaches the error
/// budget (later batches of the same round are dropped uncounted). So the totals depend only on the
/// budget, the shard and the salt: not on threads, timing, or how often the sweep was interrupted and
/// resumed (<see cref="BatchPlan"/>).
/// </para>
/// <para>
/// Durability: rows are appended and flushed at least every <see cref="SweepOptions.FlushSeconds"/>,
/// and when a task ends or the sweep is cancelled; a killed process loses at most the unflushed
/// batches, which a rerun does again.
/// </para>
/// </summary>
public sealed class SweepEngine(SweepOptions options)
{
    /// <summary>The options.</summary>
    public SweepOptions Options { get; } = Validate(options);

    /// <summary>Runs every task not yet finished according to the rows already in <paramref name="csv"/>.</summary>
    public SweepResult Run(IReadOnlyList<SweepTask> tasks, SinterCsvAppender csv, ISweepObserver observer, CancellationToken cancel)
    {
        var done = StatsCombiner.ById(csv.Existing);
        var budget = Options.Budget;
        long shotTarget = BatchPlan.OwnedShots(budget, Options.Shard);
        long? errorTarget = budget.ShardErrors(Options.Shard);
        var totals = new TaskTotals[tasks.Count];
        var ends = new TaskEnd?[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            var row = done.GetValueOrDefault(tasks[i].StrongId);
            totals[i] = new TaskTotals(row?.Shots ?? 0, row?.Errors ?? 0, row?.Seconds ?? 0, shotTarget, errorTarget);
        }
        observer.SweepStarted(tasks, totals);
        for (int i = 0; i < tasks.Count && !cancel.IsCancellationRequested; i++)
        {
            ends[i] = RunTask(tasks[i], ref totals[i], csv, cancel, t => observer.TaskProgress(i, t));
            observer.TaskFinished(i, totals[i], ends[i]!.Value);
        }
        return new SweepResult(tasks, totals, ends);
    }

    private TaskEnd RunTask(SweepTask task, ref TaskTotals totals, SinterCsvAppender csv, CancellationToken cancel, Action<TaskTotals> progress)
    {
        var budget = Options.Budget;
        if (totals.ErrorTarget is { } e0 && totals.Errors >= e0)
        {
            return TaskEnd.ErrorBudget;
        }
        using var plan = BatchPlan.Remaining(budget, Options.Shard, totals.Shots).GetEnumerator();
        if (!plan.MoveNext())
        {
            return TaskEnd.ShotBudget;
        }
        var sampler = new DemSampler(task.Model);
        var compiled = Compile(task, sampler);
        var workers = new BatchWorker?[Options.Threads];
        var round = new BatchWork[Options.Threads];
        var results = new BatchResult[Options.Threads];
        var group = new RowAccumulator(task);
        var sinceFlush = Stopwatch.StartNew();
        bool more = true;
        while (true)
        {
            if (cancel.IsCancellationRequested)
            {
                group.FlushTo(csv);
                return TaskEnd.Cancelled;
            }
            int n = 0;
            while (more && n < round.Length)
            {
                round[n++] = plan.Current;
                more = plan.MoveNext();
            }
            if (n == 0)
            {
                group.FlushTo(csv);
                return TaskEnd.ShotBudget;
            }
            RunRound(task, sampler, compiled, workers, round, results, n);
            for (int k = 0; k < n; k++)
            {
                group.Add(results[k]);
                totals = totals with
                {
                    Shots = totals.Shots + results[k].Shots,
                    Errors = totals.Errors + results[k].Errors,
                    Seconds = totals.Seconds + results[k].Seconds,
                };
                if (totals.ErrorTarget is { } e && totals.Errors >= e)
                {
                    // Batches after this one in the round are dropped: a run with other threads stops here too.
                    group.FlushTo(csv);
                    progress(totals);
                    return TaskEnd.ErrorBudget;
                }
            }
            progress(totals);
            if (sinceFlush.Elapsed.TotalSeconds >= Options.FlushSeconds)
            {
                group.FlushTo(csv);
                sinceFlush.Restart();
            }
        }
    }

    private void RunRound(SweepTask task, DemSampler sampler, ICompiledDecoder compiled, BatchWorker?[] workers,
        BatchWork[] round, BatchResult[] results, int n)
    {
        int batchShots = Options.Budget.BatchShots;
        if (n == 1)
        {
            workers[0] ??= new BatchWorker(sampler, compiled, batchShots);
            results[0] = workers[0]!.Run(round[0], BatchSeeds.Seed(task.StrongId, Options.Salt, round[0].Batch));
            return;
        }
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = n }, k =>
        {
            // Worker k is touched only by iteration k: no sharing between threads.
            workers[k] ??= new BatchWorker(sampler, compiled, batchShots);
            results[k] = workers[k]!.Run(round[k], BatchSeeds.Seed(task.StrongId, Options.Salt, round[k].Batch));
        });
    }

    private static ICompiledDecoder Compile(SweepTask task, DemSampler sampler)
    {
        ICompiledDecoder compiled;
        try
        {
            compiled = task.Decoder.Compile(task.Model);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new ArgumentException($"{task.Label}: decoder '{task.Decoder.Text}' cannot decode this model: {e.Message}", e);
        }
        if (compiled.NumDetectors != sampler.NumDetectors || compiled.NumObservables != sampler.NumObservables)
        {
            throw new InvalidOperationException(
                $"{task.Label}: decoder '{task.Decoder.Text}' sees {compiled.NumDetectors} detectors and {compiled.NumObservables} observables, " +
                $"the sampler {sampler.NumDetectors} and {sampler.NumObservables}");
        }
        return compiled;
    }

    private static SweepOptions Validate(SweepOptions options)
    {
        options.Budget.Validate();
        if (options.Threads < 1)
        {
            throw new ArgumentException($"--threads must be at least 1, found {options.Threads}");
        }
        if (options.Shard.Count < 1 || options.Shard.Index < 0 || options.Shard.Index >= options.Shard.Count)
        {
            throw new ArgumentException($"bad shard {options.Shard}");
        }
        return options;
    }

    /// <summary>Counts since the last row written for a task.</summary>
    private sealed class RowAccumulator(SweepTask task)
    {
        private long _shots, _errors;
        private double _seconds;

        public void Add(BatchResult result)
        {
            _shots += result.Shots;
            _errors += result.Errors;
            _seconds += result.Seconds;
        }

        public void FlushTo(SinterCsvAppender csv)
        {
            if (_shots == 0)
            {
                return;
            }
            csv.Append(new StatsRow(_shots, _errors, 0, _seconds, task.Decoder.Label, task.StrongId, task.Metadata));
            _shots = _errors = 0;
            _seconds = 0;
        }
    }
}

namespace Qec.Cli.Compare;

/// <summary>Running totals of one task (earlier runs' rows included).</summary>
/// <param name="Shots">Shots counted so far.</param>
/// <param name="Errors">Logical errors counted so far.</param>
/// <param name="Seconds">Core-seconds so far.</param>
/// <param name="ShotTarget">Shots this shard owns under the budget.</param>
/// <param name="ErrorTarget">This shard's error budget, or null.</param>
public readonly record struct TaskTotals(long Shots, long Errors, double Seconds, long ShotTarget, long? ErrorTarget)
{
    /// <summary>Fraction of the budget used (the larger of shots and errors), in [0, 1].</summary>
    public double Fraction => Math.Min(1, Math.Max(
        ShotTarget > 0 ? (double)Shots / ShotTarget : 1,
        ErrorTarget is > 0 ? (double)Errors / ErrorTarget.Value : 0));
}

/// <summary>Why a task stopped.</summary>
public enum TaskEnd
{
    /// <summary>All its batches are counted.</summary>
    ShotBudget,

    /// <summary>Its errors reached the error budget.</summary>
    ErrorBudget,

    /// <summary>The sweep was cancelled; the task can be resumed.</summary>
    Cancelled,
}

/// <summary>Receives a sweep's progress (from the sweep's thread, between rounds of batches).</summary>
public interface ISweepObserver
{
    /// <summary>The sweep knows all its tasks (before any starts).</summary>
    void SweepStarted(IReadOnlyList<SweepTask> tasks, IReadOnlyList<TaskTotals> totals);

    /// <summary>Totals of a task changed (after each round of batches).</summary>
    void TaskProgress(int index, TaskTotals totals);

    /// <summary>A task stopped.</summary>
    void TaskFinished(int index, TaskTotals totals, TaskEnd end);
}

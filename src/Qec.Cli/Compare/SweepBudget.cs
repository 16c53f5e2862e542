namespace Qec.Cli.Compare;

/// <summary>
/// When a task stops. Shots are sampled in batches of <see cref="BatchShots"/>: batch b holds shots
/// [b·B, (b+1)·B) ∩ [0, MaxShots) of the task. A task stops after its last batch, or right after the
/// batch (in index order) that brings its errors to <see cref="MaxErrors"/>; a shard of N stops at
/// ⌈MaxErrors / N⌉ of its own errors, so sharded totals equal unsharded ones only when the error
/// budget is not reached.
/// </summary>
/// <param name="MaxShots">Shot budget of each task (all shards together).</param>
/// <param name="MaxErrors">Error budget of each task, or null for none.</param>
/// <param name="BatchShots">Shots per batch (one seed each); part of the strong id.</param>
public sealed record SweepBudget(long MaxShots, long? MaxErrors, int BatchShots = SweepBudget.DefaultBatchShots)
{
    /// <summary>Default batch size: big enough that per-batch costs vanish, small enough that a kill loses little.</summary>
    public const int DefaultBatchShots = 1024;

    /// <summary>Number of batches under the shot budget.</summary>
    public long BatchCount => (MaxShots + BatchShots - 1) / BatchShots;

    /// <summary>Shots of batch <paramref name="batch"/> (the last one may be short).</summary>
    public int ShotsInBatch(long batch) => (int)Math.Min(BatchShots, MaxShots - batch * BatchShots);

    /// <summary>The error budget of one shard (⌈MaxErrors / N⌉), or null.</summary>
    public long? ShardErrors(ShardSpec shard) => MaxErrors is { } e ? (e + shard.Count - 1) / shard.Count : null;

    /// <summary>Throws <see cref="ArgumentException"/> on a budget that cannot run.</summary>
    public void Validate()
    {
        if (MaxShots < 1)
        {
            throw new ArgumentException($"--max-shots must be at least 1, found {MaxShots}");
        }
        if (MaxErrors is < 1)
        {
            throw new ArgumentException($"--max-errors must be at least 1, found {MaxErrors}");
        }
        if (BatchShots < 1)
        {
            throw new ArgumentException($"batch size must be at least 1, found {BatchShots}");
        }
    }
}

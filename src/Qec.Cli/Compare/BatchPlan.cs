namespace Qec.Cli.Compare;

/// <summary>Work on one batch: its index, the shots of it already counted (skipped), and the shots to do.</summary>
/// <param name="Batch">Batch index within the task (its seed is <see cref="BatchSeeds.Seed"/> of it).</param>
/// <param name="Offset">Shots at the start of the batch already counted by an earlier run.</param>
/// <param name="Shots">Shots to sample and decode: shots [Offset, Offset + Shots) of the batch.</param>
public readonly record struct BatchWork(long Batch, int Offset, int Shots);

/// <summary>
/// Which batches a shard still has to do. A run processes its own batches in increasing index order and
/// writes only whole batches, so the shots already in the file for a task are always a prefix of the
/// shard's batch sequence: the first k owned batches in full, plus (only when the shot budget grew since
/// the last run, which lengthens its formerly short last batch) a first part of batch k+1. Resuming
/// therefore skips exactly the shots already counted: it is the same as never having stopped.
/// </summary>
public static class BatchPlan
{
    /// <summary>The batches left for <paramref name="shard"/> once <paramref name="shotsDone"/> shots are counted.</summary>
    public static IEnumerable<BatchWork> Remaining(SweepBudget budget, ShardSpec shard, long shotsDone)
    {
        long skip = shotsDone;
        for (long b = shard.Index; b < budget.BatchCount; b += shard.Count)
        {
            int size = budget.ShotsInBatch(b);
            if (skip >= size)
            {
                skip -= size;
                continue;
            }
            int offset = (int)skip;
            skip = 0;
            yield return new BatchWork(b, offset, size - offset);
        }
    }

    /// <summary>Total shots the shard owns under the budget.</summary>
    public static long OwnedShots(SweepBudget budget, ShardSpec shard)
    {
        long total = 0;
        for (long b = shard.Index; b < budget.BatchCount; b += shard.Count)
        {
            total += budget.ShotsInBatch(b);
        }
        return total;
    }
}

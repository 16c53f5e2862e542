namespace Qec.Cli.Compare;

/// <summary>
/// One row of a sinter statistics CSV: counts for one task (<see cref="StrongId"/>) from one piece of
/// work. Rows with the same strong id add up (<see cref="Plus"/>); a file may hold many rows per task.
/// </summary>
/// <param name="Shots">Shots sampled and decoded.</param>
/// <param name="Errors">Shots whose predicted observable flips differ from the true ones in any observable.</param>
/// <param name="Discards">Shots discarded by postselection (always 0 here: qecd does not postselect).</param>
/// <param name="Seconds">Core-seconds spent sampling and decoding (summed over threads, as sinter sums its workers).</param>
/// <param name="Decoder">Decoder name as in the registry.</param>
/// <param name="StrongId">Hash that identifies the task (<see cref="StrongId"/>).</param>
/// <param name="Metadata">The task's <c>json_metadata</c>.</param>
public sealed record StatsRow(long Shots, long Errors, long Discards, double Seconds, string Decoder, string StrongId, TaskMetadata Metadata)
{
    /// <summary>The sum of two rows of the same task; throws when they describe different tasks.</summary>
    public StatsRow Plus(StatsRow other)
    {
        if (other.StrongId != StrongId)
        {
            throw new ArgumentException($"cannot add rows of different tasks {StrongId} and {other.StrongId}");
        }
        if (other.Decoder != Decoder || !other.Metadata.Equals(Metadata))
        {
            throw new InvalidDataException(
                $"strong_id {StrongId} appears with different decoder or json_metadata: " +
                $"{Decoder} {Metadata.ToJson()} and {other.Decoder} {other.Metadata.ToJson()}");
        }
        return this with
        {
            Shots = Shots + other.Shots,
            Errors = Errors + other.Errors,
            Discards = Discards + other.Discards,
            Seconds = Seconds + other.Seconds,
        };
    }
}

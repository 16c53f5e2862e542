using System.Globalization;

namespace Qec.Cli.Compare;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (written "i/N", 0 ≤ i &lt; N, as Kubernetes'
/// JOB_COMPLETION_INDEX counts; with Slurm use <c>--array=0-(N-1)</c>): the shard owns the batches
/// b with b mod N = i of every task. The shards of one sweep own disjoint batches that together are
/// all the batches of the unsharded run, so their rows add up to its totals (under a shot budget).
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole sweep in one process.</summary>
    public static ShardSpec Whole => new(0, 1);

    /// <summary>Does this shard own batch <paramref name="batch"/>?</summary>
    public bool Owns(long batch) => batch % Count == Index;

    /// <summary>Parses "i/N"; throws <see cref="ArgumentException"/> naming the bad text.</summary>
    public static ShardSpec Parse(string text)
    {
        int slash = text.IndexOf('/');
        if (slash > 0
            && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            if (count < 1 || index >= count)
            {
                throw new ArgumentException($"--shard '{text}': need 0 <= i < N (shards are numbered from 0)");
            }
            return new ShardSpec(index, count);
        }
        throw new ArgumentException($"--shard '{text}': expected i/N, e.g. 0/4");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}

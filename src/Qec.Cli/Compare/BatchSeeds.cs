using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Qec.Cli.Compare;

/// <summary>
/// The sampler seed of batch b of a task: the first 8 bytes (little-endian) of
/// SHA-256("strong_id/salt/b"). A batch's shots depend on nothing else: not on the thread count, the
/// shard, or whether the sweep was interrupted, which is what makes sharded and resumed totals equal
/// to one uninterrupted run. A cryptographic hash keeps the seeds of neighbouring batches and tasks
/// unrelated (no correlated streams); its cost (≈1 µs) is nothing beside a batch of shots.
/// </summary>
public static class BatchSeeds
{
    /// <summary>The seed of <paramref name="batch"/> of the task <paramref name="strongId"/>, salted by <paramref name="salt"/>.</summary>
    public static ulong Seed(string strongId, ulong salt, long batch)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes($"{strongId}/{salt}/{batch}"), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}

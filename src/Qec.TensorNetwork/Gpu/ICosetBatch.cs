namespace Qec.TensorNetwork.Gpu;

/// <summary>Class weights of many shots at once on an accelerator: exact mode's <see cref="GpuCosetBatch"/> or boundary
/// mode's <see cref="GpuBoundaryBatch"/>.</summary>
public interface ICosetBatch : IDisposable
{
    /// <summary>Most shots one launch decodes (larger batches are split).</summary>
    int ShotsPerLaunch { get; }

    /// <summary>Fills <paramref name="logWeights"/> (2^k per shot, shot-major) for <paramref name="shots"/> b8-packed syndromes.</summary>
    void Solve(ReadOnlySpan<byte> syndromes, Span<double> logWeights, int shots);
}

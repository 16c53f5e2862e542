using ILGPU;
using ILGPU.Runtime;
using Qec.Gpu;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Decoding;

namespace Qec.TensorNetwork.Gpu;

/// <summary>
/// Exact class weights of many shots at once on an ILGPU accelerator (<see cref="PlanKernel"/>, one
/// thread per shot); the plan uploaded once, the batch buffers reused. Thread-safe: batches on one
/// accelerator run one at a time.
/// </summary>
public sealed class GpuCosetBatch : ICosetBatch
{
    /// <summary>Most shots per launch.</summary>
    public const int MaxBatchShots = 1 << 18;

    private readonly GpuAccelerator _device;
    private readonly DevicePlan _plan;
    private readonly int _nodes, _classes, _detectorBytes;
    private readonly Action<Index1D, DevicePlanView, ArrayView<byte>, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>> _kernel;
    private readonly DeviceBuffer<byte> _syndromes;
    private readonly DeviceBuffer<double> _workspace, _logScales, _logWeights;
    private bool _disposed;

    /// <summary>Uploads <paramref name="plan"/> of <paramref name="network"/> to <paramref name="device"/> and loads the kernel.</summary>
    public GpuCosetBatch(ParityNetwork network, ContractionPlan plan, GpuAccelerator device)
    {
        _device = device;
        var accelerator = device.Accelerator;
        _plan = new DevicePlan(network, plan, accelerator);
        _nodes = plan.NodeIndices.Count;
        _classes = 1 << network.NumObservables;
        _detectorBytes = (network.NumDetectors + 7) >> 3;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, DevicePlanView, ArrayView<byte>, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>>(PlanKernel.Contract);
        (_syndromes, _workspace, _logScales, _logWeights) = (new(accelerator), new(accelerator), new(accelerator), new(accelerator));
        long perShot = (_plan.SlabLength + _nodes + _classes) * 8L;
        ShotsPerLaunch = (int)Math.Clamp(Math.Min(2L << 30, accelerator.MemorySize / 4) / perShot, 1, MaxBatchShots);
    }

    /// <summary>Most shots one launch decodes (larger batches are split).</summary>
    public int ShotsPerLaunch { get; }

    /// <summary>Fills <paramref name="logWeights"/> (2^k per shot, shot-major) for <paramref name="shots"/> b8-packed syndromes.</summary>
    public void Solve(ReadOnlySpan<byte> syndromes, Span<double> logWeights, int shots)
    {
        lock (_device.LaunchLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int first = 0; first < shots; first += ShotsPerLaunch)
            {
                int count = Math.Min(ShotsPerLaunch, shots - first);
                var input = _syndromes.Upload(syndromes.Slice(first * _detectorBytes, count * _detectorBytes));
                var output = _logWeights.View((long)count * _classes);
                output.SubView(0, (long)count * _classes).MemSet(0xFF);  // poison: a thread that writes nothing is seen
                _kernel(count, _plan.View, input, _detectorBytes, _workspace.View((long)_plan.SlabLength * count), _logScales.View((long)_nodes * count), count, output);
                _device.Accelerator.Synchronize();
                output.SubView(0, (long)count * _classes).CopyToCPU(logWeights.Slice(first * _classes, count * _classes));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_device.LaunchLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _plan.Dispose();
            _syndromes.Dispose();
            _workspace.Dispose();
            _logScales.Dispose();
            _logWeights.Dispose();
        }
    }
}

using ILGPU;
using ILGPU.Runtime;
using Qec.Gpu;
using Qec.TensorNetwork.Planar;
using Qec.TensorNetwork.Planar.Engine;

namespace Qec.TensorNetwork.Gpu;

/// <summary>
/// Boundary-MPS class weights of many shots at once on an ILGPU accelerator (<see cref="BoundaryKernel"/>, one thread per
/// shot): the sweep uploaded once, the batch memory reused. Thread-safe: batches on one accelerator run one at a time.
/// </summary>
public sealed class GpuBoundaryBatch : ICosetBatch
{
    /// <summary>Most shots per launch.</summary>
    public const int MaxBatchShots = 1 << 16;

    private readonly GpuAccelerator _device;
    private readonly BoundaryLayout _layout;
    private readonly int _classes, _detectorBytes;
    private readonly MemoryBuffer1D<SweepStep, Stride1D.Dense> _steps;
    private readonly MemoryBuffer1D<SweepGate, Stride1D.Dense> _gates;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _dead;
    private readonly Action<Index1D, DeviceSweepProgram, BoundaryLayout, DeviceBoundaryBatch> _kernel;
    private readonly DeviceBuffer<byte> _syndromes;
    private readonly DeviceBuffer<double> _doubles, _logWeights;
    private readonly DeviceBuffer<int> _ints;
    private bool _disposed;

    /// <summary>Uploads the sweep of <paramref name="cosets"/> to <paramref name="device"/> and loads the kernel.</summary>
    public GpuBoundaryBatch(BoundaryMpsCosets cosets, GpuAccelerator device)
    {
        ArgumentNullException.ThrowIfNull(cosets);
        _device = device;
        var accelerator = device.Accelerator;
        _layout = cosets.Layout;
        _classes = cosets.NumClasses;
        _detectorBytes = cosets.DetectorBytes;
        var view = cosets.ProgramView;
        _steps = accelerator.Allocate1D(view.Steps);
        _gates = accelerator.Allocate1D(cosets.Program.Gates.Length == 0 ? [default(SweepGate)] : cosets.Program.Gates);
        _dead = accelerator.Allocate1D(cosets.Program.DeadDetectors.Length == 0 ? [0] : cosets.Program.DeadDetectors);
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceSweepProgram, BoundaryLayout, DeviceBoundaryBatch>(BoundaryKernel.Sweep);
        (_syndromes, _doubles, _logWeights, _ints) = (new(accelerator), new(accelerator), new(accelerator), new(accelerator));
        long perShot = _layout.DoubleLength * 8L + _layout.IntLength * 4L + _classes * 8L + _detectorBytes;
        ShotsPerLaunch = (int)Math.Clamp(Math.Min(2L << 30, accelerator.MemorySize / 4) / perShot, 1, MaxBatchShots);
        Program = new DeviceSweepProgram
        {
            Steps = _steps.View,
            Gates = _gates.View.SubView(0, cosets.Program.Gates.Length),
            DeadDetectors = _dead.View.SubView(0, cosets.Program.DeadDetectors.Length),
        };
    }

    /// <inheritdoc/>
    public int ShotsPerLaunch { get; }

    private DeviceSweepProgram Program { get; }

    /// <inheritdoc/>
    public void Solve(ReadOnlySpan<byte> syndromes, Span<double> logWeights, int shots)
    {
        lock (_device.LaunchLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int first = 0; first < shots; first += ShotsPerLaunch)
            {
                int count = Math.Min(ShotsPerLaunch, shots - first);
                var output = _logWeights.View((long)count * _classes);
                output.SubView(0, (long)count * _classes).MemSet(0xFF);  // poison: a thread that writes nothing is seen
                var batch = new DeviceBoundaryBatch
                {
                    Stride = count,
                    DetectorBytes = _detectorBytes,
                    Classes = _classes,
                    Doubles = _doubles.View((long)_layout.DoubleLength * count),
                    Ints = _ints.View((long)_layout.IntLength * count),
                    Syndromes = _syndromes.Upload(syndromes.Slice(first * _detectorBytes, count * _detectorBytes)),
                    LogWeights = output,
                };
                _kernel(count, Program, _layout, batch);
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
            _steps.Dispose();
            _gates.Dispose();
            _dead.Dispose();
            _syndromes.Dispose();
            _doubles.Dispose();
            _logWeights.Dispose();
            _ints.Dispose();
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using Qec.Generative.Layers;
using Qec.Generative.Models;
using Qec.Gpu;

namespace Qec.Generative.Gpu;

/// <summary>
/// Batched inference of a <see cref="MadeNetwork{T}"/> on an ILGPU accelerator (<see cref="MadeKernel"/>): the parameters
/// uploaded once (a snapshot: later training does not reach the device), the batch buffers reused. Thread-safe: batches
/// on one accelerator run one at a time.
/// </summary>
public sealed class GpuGenerativeBatch<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Most threads per launch.</summary>
    public const int MaxThreads = 1 << 20;

    private readonly GpuAccelerator _device;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _weights;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _rowLength, _degreeStart;
    private readonly DeviceMade<T> _net;
    private readonly Action<Index1D, DeviceMade<float>, ArrayView<byte>, int, ArrayView<float>, ArrayView<float>, ArrayView<byte>>? _f32;
    private readonly Action<Index1D, DeviceMade<double>, ArrayView<byte>, int, ArrayView<double>, ArrayView<double>, ArrayView<byte>>? _f64;
    private readonly DeviceBuffer<byte> _conditions, _bits;
    private readonly DeviceBuffer<T> _scratch, _logq;
    private bool _disposed;

    /// <summary>Uploads <paramref name="model"/> to <paramref name="device"/> and loads the kernel.</summary>
    public GpuGenerativeBatch(MadeNetwork<T> model, GpuAccelerator device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new ArgumentException($"gen: the GPU path runs float32 or float64 networks, not {typeof(T).Name}");
        }
        _device = device;
        var accelerator = device.Accelerator;
        var config = model.Config;
        int n = config.Variables, m = config.ConditionSize, layers = config.HiddenLayers, width = layers > 0 ? config.HiddenWidth : 0;
        var masks = new MadeMasks(n, width, m > 0);
        var rows = new List<int>();
        for (int l = 0; l < layers; l++)
        {
            rows.AddRange(l == 0 ? masks.InputToHidden() : masks.HiddenToHidden());
        }
        rows.AddRange(masks.ToOutput(layers > 0));
        var weights = new List<T>();
        for (int l = 0; l < layers; l++)
        {
            Append(weights, model, $"hidden{l}", m);
        }
        long output = weights.Count;
        Append(weights, model, "output", m);
        _weights = accelerator.Allocate1D(weights.ToArray());
        _rowLength = accelerator.Allocate1D(rows.ToArray());
        _degreeStart = accelerator.Allocate1D(masks.DegreeStart);
        int lastInputs = layers > 0 ? width : n;
        _net = new DeviceMade<T>
        {
            Variables = n,
            ConditionSize = m,
            Width = width,
            Layers = layers,
            Residual = config.Residual ? 1 : 0,
            Relu = config.Activation == Activation.Relu ? 1 : 0,
            FirstLayerLength = (long)width * n + width + (long)m * width,
            LayerStride = (long)width * width + width + (long)m * width,
            OutputWeight = output,
            OutputBias = output + (long)n * lastInputs,
            OutputCondition = output + (long)n * lastInputs + n,
            Weights = _weights.View,
            RowLength = _rowLength.View,
            DegreeStart = _degreeStart.View,
        };
        if (typeof(T) == typeof(float))
        {
            _f32 = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceMade<float>, ArrayView<byte>, int, ArrayView<float>, ArrayView<float>, ArrayView<byte>>(MadeKernel.ForwardF32);
        }
        else
        {
            _f64 = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceMade<double>, ArrayView<byte>, int, ArrayView<double>, ArrayView<double>, ArrayView<byte>>(MadeKernel.ForwardF64);
        }
        (_conditions, _bits, _scratch, _logq) = (new(accelerator), new(accelerator), new(accelerator), new(accelerator));
        PerThread = (long)layers * width + n;
    }

    /// <summary>Scratch values per thread.</summary>
    private long PerThread { get; }

    /// <summary>
    /// Runs the network on <paramref name="shots"/> conditions (m bytes each, 0/1). One-pass mode: greedy bits into
    /// <paramref name="bits"/> (n per shot) and log q of the string into <paramref name="logq"/> (one per shot); otherwise
    /// log q of every class (2^n per shot, class-minor) into <paramref name="logq"/>.
    /// </summary>
    public void Run(ReadOnlySpan<byte> conditions, int shots, bool onePass, Span<double> logq, Span<byte> bits)
    {
        int n = _net.Variables, m = _net.ConditionSize, classes = onePass ? 1 : 1 << n;
        if (conditions.Length < (long)shots * m || logq.Length < (long)shots * classes || (onePass && bits.Length < (long)shots * n))
        {
            throw new ArgumentException($"gen GPU batch of {shots} shots: buffers too short");
        }
        int shotsPerLaunch = Math.Max(1, MaxThreads / classes);
        lock (_device.LaunchLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var host = new T[(long)Math.Min(shots, shotsPerLaunch) * classes];
            for (int first = 0; first < shots; first += shotsPerLaunch)
            {
                int count = Math.Min(shotsPerLaunch, shots - first), threads = count * classes;
                var input = _conditions.Upload(conditions.Slice(first * m, count * m));
                var scores = _logq.View(threads);
                scores.SubView(0, threads).MemSetToZero();
                var chosen = _bits.View((long)count * n);
                var scratch = _scratch.View(threads * PerThread);
                if (_f32 is not null)
                {
                    _f32(threads, Unsafe.As<DeviceMade<T>, DeviceMade<float>>(ref Unsafe.AsRef(in _net)), input, classes,
                        Unsafe.As<ArrayView<T>, ArrayView<float>>(ref scratch), Unsafe.As<ArrayView<T>, ArrayView<float>>(ref scores), chosen);
                }
                else
                {
                    _f64!(threads, Unsafe.As<DeviceMade<T>, DeviceMade<double>>(ref Unsafe.AsRef(in _net)), input, classes,
                        Unsafe.As<ArrayView<T>, ArrayView<double>>(ref scratch), Unsafe.As<ArrayView<T>, ArrayView<double>>(ref scores), chosen);
                }
                _device.Accelerator.Synchronize();
                scores.SubView(0, threads).CopyToCPU(host.AsSpan(0, threads));
                for (int j = 0; j < threads; j++)
                {
                    logq[first * classes + j] = double.CreateTruncating(host[j]);
                }
                if (onePass)
                {
                    chosen.SubView(0, (long)count * n).CopyToCPU(bits.Slice(first * n, count * n));
                }
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
            _weights.Dispose();
            _rowLength.Dispose();
            _degreeStart.Dispose();
            _conditions.Dispose();
            _bits.Dispose();
            _scratch.Dispose();
            _logq.Dispose();
        }
    }

    /// <summary>Appends "{name}.weight", "{name}.bias" and (when conditioned) "{name}.condition" in that order.</summary>
    private static void Append(List<T> weights, MadeNetwork<T> model, string name, int conditionSize)
    {
        weights.AddRange(model.Parameters[name + ".weight"].Data);
        weights.AddRange(model.Parameters[name + ".bias"].Data);
        if (conditionSize > 0)
        {
            weights.AddRange(model.Parameters[name + ".condition"].Data);
        }
    }
}

using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Options;
using Qec.BeliefPropagation.Osd;
using Qec.BeliefPropagation.Relay;
using Qec.Gpu;

namespace Qec.BeliefPropagation.Gpu;

/// <summary>
/// Decodes batches of shots on an ILGPU accelerator: one thread per shot, thousands per launch, the
/// graph uploaded once and the batch buffers reused. bp and relaybp run entirely on the device;
/// bposd runs BP there and OSD on CPU threads for the shots BP leaves unsolved (their posteriors
/// gathered on the device first). Thread-safe: batches on one accelerator run one at a time.
/// </summary>
public sealed class GpuBatchDecoder : IDisposable
{
    /// <summary>Device memory one batch may use for working state: at most a quarter of the card, at most 2 GiB.</summary>
    private const long MaxBatchBytes = 2L << 30;

    /// <summary>Shots per launch at most.</summary>
    public const int MaxBatchShots = 1 << 20;

    private readonly BpCompiledDecoder _compiled;
    private readonly GpuAccelerator _device;
    private readonly DeviceGraph _graph;
    private readonly Action<Index1D, DeviceGraphView, DeviceBatchViews, BpSettings> _bp;
    private readonly Action<Index1D, DeviceGraphView, DeviceBatchViews, BpSettings, RelaySettings> _relay;
    private readonly Action<Index1D, ArrayView<int>, DeviceBatchViews, int, ArrayView<double>> _gather;
    private readonly DeviceBuffer<byte> _syndromes, _decisions, _unsatisfied, _converged;
    private readonly DeviceBuffer<double> _v2c, _c2v, _posterior, _gamma, _compact;
    private readonly DeviceBuffer<CheckSummary> _summaries;
    private readonly DeviceBuffer<ulong> _observables;
    private readonly DeviceBuffer<int> _iterations, _unsolved;
    private readonly ConcurrentBag<OrderedStatistics> _osdPool = [];
    private bool _disposed;

    /// <summary>Prepares <paramref name="compiled"/> on <paramref name="device"/>: uploads the graph and loads the kernels.</summary>
    public GpuBatchDecoder(BpCompiledDecoder compiled, GpuAccelerator device)
    {
        _compiled = compiled;
        _device = device;
        var accelerator = device.Accelerator;
        _graph = new DeviceGraph(compiled.Graph, accelerator);
        _bp = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGraphView, DeviceBatchViews, BpSettings>(BpKernels.Bp);
        _relay = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGraphView, DeviceBatchViews, BpSettings, RelaySettings>(BpKernels.Relay);
        _gather = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, DeviceBatchViews, int, ArrayView<double>>(BpKernels.GatherPosteriors);
        (_syndromes, _decisions, _unsatisfied, _converged) = (new(accelerator), new(accelerator), new(accelerator), new(accelerator));
        (_v2c, _c2v, _posterior, _gamma, _compact) = (new(accelerator), new(accelerator), new(accelerator), new(accelerator), new(accelerator));
        _summaries = new(accelerator);
        _observables = new(accelerator);
        (_iterations, _unsolved) = (new(accelerator), new(accelerator));
        long budget = Math.Min(MaxBatchBytes, accelerator.MemorySize / 4);
        ShotsPerLaunch = (int)Math.Clamp(budget / BytesPerShot(), 1, MaxBatchShots);
    }

    /// <summary>The accelerator's kind and name, e.g. "Cuda NVIDIA H200".</summary>
    public string DeviceName => $"{_device.Kind} {_device.Name}";

    /// <summary>Most shots one launch decodes (larger batches are split).</summary>
    public int ShotsPerLaunch { get; }

    /// <summary>
    /// Decodes <paramref name="shots"/> b8-packed shots into b8-packed observable flips. When
    /// <paramref name="iterations"/> / <paramref name="converged"/> are not empty they receive each
    /// shot's BP iterations (over all legs for relaybp) and whether its prediction satisfies the syndrome.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots, Span<int> iterations, Span<bool> converged)
    {
        int db = (_compiled.NumDetectors + 7) >> 3, ob = (_compiled.NumObservables + 7) >> 3;
        var words = new ulong[(long)Math.Min(shots, ShotsPerLaunch) * _graph.View.Words];
        var its = new int[Math.Min(shots, ShotsPerLaunch)];
        var done = new byte[its.Length];
        lock (_device.LaunchLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int first = 0; first < shots; first += ShotsPerLaunch)
            {
                int count = Math.Min(ShotsPerLaunch, shots - first);
                var chunk = detectionEvents.Slice(first * db, count * db);
                var batch = Launch(chunk, count);
                batch.Observables.SubView(0, (long)count * _graph.View.Words).CopyToCPU(words.AsSpan(0, count * _graph.View.Words));
                batch.Iterations.SubView(0, count).CopyToCPU(its.AsSpan(0, count));
                batch.Converged.SubView(0, count).CopyToCPU(done.AsSpan(0, count));
                WriteObservables(words, observableFlips.Slice(first * ob, count * ob), count);
                if (_compiled.Options.Kind == BpDecoderKind.BpOsd)
                {
                    RunOsd(batch, chunk, observableFlips.Slice(first * ob, count * ob), done, count);
                }
                for (int s = 0; s < count; s++)
                {
                    if (!iterations.IsEmpty)
                    {
                        iterations[first + s] = its[s];
                    }
                    if (!converged.IsEmpty)
                    {
                        converged[first + s] = done[s] != 0;
                    }
                }
            }
        }
    }

    /// <summary>Frees the device memory; waits for a batch in flight. A later <see cref="Decode"/> throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_device.LaunchLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _graph.Dispose();
            foreach (var buffer in new IDisposable[] { _syndromes, _decisions, _unsatisfied, _converged, _v2c, _c2v, _posterior, _gamma, _compact, _summaries, _observables, _iterations, _unsolved })
            {
                buffer.Dispose();
            }
        }
    }

    /// <summary>Device bytes of one shot's working state.</summary>
    private long BytesPerShot()
    {
        var g = _compiled.Graph;
        return (long)g.NumEdges * 16 + (long)g.NumVariables * (8 + 8 + 1 + 8) + (long)g.NumChecks * (24 + 1)
            + (long)g.ObservableWords * 8 + 4 + 1 + ((g.NumChecks + 7) >> 3);
    }

    private DeviceBatchViews Launch(ReadOnlySpan<byte> syndromes, int count)
    {
        var g = _compiled.Graph;
        var batch = new DeviceBatchViews
        {
            Stride = count,
            DetectorBytes = (g.NumChecks + 7) >> 3,
            Syndromes = _syndromes.Upload(syndromes),
            VariableToCheck = _v2c.View((long)g.NumEdges * count),
            CheckToVariable = _c2v.View((long)g.NumEdges * count),
            Posterior = _posterior.View((long)g.NumVariables * count),
            MemoryStrength = _gamma.View((long)g.NumVariables * count),
            Summaries = _summaries.View((long)g.NumChecks * count),
            Decisions = _decisions.View((long)g.NumVariables * count),
            Unsatisfied = _unsatisfied.View((long)g.NumChecks * count),
            Observables = _observables.View((long)g.ObservableWords * count),
            Iterations = _iterations.View(count),
            Converged = _converged.View(count),
        };
        // Poison the outputs, so a thread that writes nothing shows up as a mismatch with the CPU.
        batch.Iterations.SubView(0, count).MemSet(0xFF);
        batch.Observables.SubView(0, (long)g.ObservableWords * count).MemSet(0xFF);
        var options = _compiled.Options;
        if (options.Kind == BpDecoderKind.RelayBp)
        {
            _relay(count, _graph.View, batch, options.Bp, options.Relay);
        }
        else
        {
            _bp(count, _graph.View, batch, options.Bp);
        }
        _device.Accelerator.Synchronize();
        return batch;
    }

    private void WriteObservables(ulong[] words, Span<byte> output, int count)
    {
        int w = _graph.View.Words, ob = (_compiled.NumObservables + 7) >> 3;
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < ob; i++)
            {
                output[s * ob + i] = (byte)(words[s * w + (i >> 3)] >> ((i & 7) << 3));
            }
        }
    }

    /// <summary>OSD on CPU threads for the shots of the batch BP left unsolved, from their posteriors gathered on the device.</summary>
    private void RunOsd(DeviceBatchViews batch, ReadOnlySpan<byte> syndromes, Span<byte> output, byte[] converged, int count)
    {
        var unsolved = new List<int>();
        for (int s = 0; s < count; s++)
        {
            if (converged[s] == 0)
            {
                unsolved.Add(s);
            }
        }
        if (unsolved.Count == 0)
        {
            return;
        }
        var graph = _compiled.Graph;
        int n = graph.NumVariables, db = (graph.NumChecks + 7) >> 3, ob = (graph.NumObservables + 7) >> 3;
        var shots = _unsolved.Upload(unsolved.ToArray());
        var compact = _compact.View((long)unsolved.Count * n);
        _gather(unsolved.Count, shots, batch, n, compact);
        _device.Accelerator.Synchronize();
        var posteriors = new double[(long)unsolved.Count * n];
        compact.SubView(0, posteriors.Length).CopyToCPU(posteriors);
        var syndromeCopy = syndromes.ToArray();
        var results = new byte[unsolved.Count * ob];
        var solved = new bool[unsolved.Count];
        Parallel.For(0, unsolved.Count, () => _osdPool.TryTake(out var osd) ? osd : new OrderedStatistics(graph, _compiled.Options.OsdMethod, _compiled.Options.OsdOrder),
            (i, _, osd) =>
            {
                int s = unsolved[i];
                solved[i] = osd.Solve(syndromeCopy.AsSpan(s * db, db), posteriors.AsSpan(i * n, n));
                Decisions.Observables(graph, osd.Solution, results.AsSpan(i * ob, ob));
                return osd;
            },
            osd => _osdPool.Add(osd));
        for (int i = 0; i < unsolved.Count; i++)
        {
            results.AsSpan(i * ob, ob).CopyTo(output.Slice(unsolved[i] * ob, ob));
            converged[unsolved[i]] = (byte)(solved[i] ? 1 : 0);
        }
    }
}

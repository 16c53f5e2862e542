using ILGPU;
using ILGPU.Runtime;
using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.MessagePassing;
using Qec.Gpu;

namespace Qec.BeliefPropagation.Gpu;

/// <summary>
/// <see cref="IGraphView"/> over a <see cref="TannerGraph"/> copied to device memory: the kernel
/// parameter that tells every thread the code. Built by <see cref="DeviceGraph"/>.
/// </summary>
public struct DeviceGraphView : IGraphView
{
    /// <summary>Per-array device copies of the graph (see <see cref="TannerGraph"/> for their meaning).</summary>
    public ArrayView<int> ColumnStarts, EdgeChecks, EdgeVariables, RowStarts, RowEdges;

    /// <summary>ln((1 − p)/p) per variable.</summary>
    public ArrayView<double> Priors;

    /// <summary>Observable masks, <see cref="Words"/> per variable.</summary>
    public ArrayView<ulong> Masks;

    /// <summary>Counts.</summary>
    public int Checks, Variables, Words;

    /// <summary>Flags as bytes (1 = true).</summary>
    public byte NonPositivePrior, Compressed;

    /// <inheritdoc/>
    public readonly int NumChecks => Checks;

    /// <inheritdoc/>
    public readonly int NumVariables => Variables;

    /// <inheritdoc/>
    public readonly bool HasNonPositivePrior => NonPositivePrior != 0;

    /// <inheritdoc/>
    public readonly bool CompressedMinSum => Compressed != 0;

    /// <inheritdoc/>
    public readonly int ObservableWords => Words;

    /// <inheritdoc/>
    public readonly int ColumnStart(int variable) => ColumnStarts[variable];

    /// <inheritdoc/>
    public readonly int EdgeCheck(int edge) => EdgeChecks[edge];

    /// <inheritdoc/>
    public readonly int EdgeVariable(int edge) => EdgeVariables[edge];

    /// <inheritdoc/>
    public readonly int RowStart(int check) => RowStarts[check];

    /// <inheritdoc/>
    public readonly int RowEdge(int index) => RowEdges[index];

    /// <inheritdoc/>
    public readonly double PriorLlr(int variable) => Priors[variable];

    /// <inheritdoc/>
    public readonly ulong ObservableMask(int variable, int word) => Masks[variable * Words + word];
}

/// <summary>A <see cref="TannerGraph"/> uploaded to one accelerator (once per compiled decoder).</summary>
public sealed class DeviceGraph : IDisposable
{
    private readonly List<IDisposable> _buffers = [];

    /// <summary>Copies <paramref name="graph"/> to <paramref name="accelerator"/>.</summary>
    public DeviceGraph(TannerGraph graph, Accelerator accelerator)
    {
        View = new DeviceGraphView
        {
            ColumnStarts = Upload(accelerator, graph.ColumnStart),
            EdgeChecks = Upload(accelerator, graph.EdgeCheck),
            EdgeVariables = Upload(accelerator, graph.EdgeVariable),
            RowStarts = Upload(accelerator, graph.RowStart),
            RowEdges = Upload(accelerator, graph.RowEdges),
            Priors = Upload(accelerator, graph.PriorLlr),
            Masks = Upload(accelerator, graph.ObservableMask),
            Checks = graph.NumChecks,
            Variables = graph.NumVariables,
            Words = graph.ObservableWords,
            NonPositivePrior = (byte)(graph.HasNonPositivePrior ? 1 : 0),
            Compressed = (byte)(graph.MaxColumnWeight <= TannerGraph.MaxCompressedColumnWeight ? 1 : 0),
        };
    }

    /// <summary>The kernel parameter.</summary>
    public DeviceGraphView View { get; }

    /// <inheritdoc/>
    public void Dispose() => _buffers.ForEach(b => b.Dispose());

    private ArrayView<T> Upload<T>(Accelerator accelerator, T[] data)
        where T : unmanaged
    {
        var buffer = new DeviceBuffer<T>(accelerator);
        _buffers.Add(buffer);
        return buffer.Upload(data);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Qec.BeliefPropagation.Graph;

namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// <see cref="IGraphView"/> over a <see cref="TannerGraph"/>'s managed arrays, for the CPU decoders.
/// Indices come from the graph itself, so reads skip bounds checks (the graph's invariants keep every
/// index in range).
/// </summary>
public readonly struct ArrayGraphView : IGraphView
{
    private readonly int[] _columnStart, _edgeCheck, _edgeVariable, _rowStart, _rowEdges;
    private readonly double[] _priorLlr, _edgePrior;
    private readonly ulong[] _observableMask;

    /// <summary>A view of <paramref name="graph"/>.</summary>
    public ArrayGraphView(TannerGraph graph)
    {
        _columnStart = graph.ColumnStart;
        _edgeCheck = graph.EdgeCheck;
        _edgeVariable = graph.EdgeVariable;
        _rowStart = graph.RowStart;
        _rowEdges = graph.RowEdges;
        _priorLlr = graph.PriorLlr;
        _edgePrior = graph.EdgePriorLlr;
        _observableMask = graph.ObservableMask;
        NumChecks = graph.NumChecks;
        NumVariables = graph.NumVariables;
        ObservableWords = graph.ObservableWords;
        HasNonPositivePrior = graph.HasNonPositivePrior;
        CompressedMinSum = graph.MaxColumnWeight <= TannerGraph.MaxCompressedColumnWeight;
    }

    /// <inheritdoc/>
    public int NumChecks { get; }

    /// <inheritdoc/>
    public int NumVariables { get; }

    /// <inheritdoc/>
    public bool HasNonPositivePrior { get; }

    /// <inheritdoc/>
    public bool CompressedMinSum { get; }

    /// <inheritdoc/>
    public int ObservableWords { get; }

    /// <inheritdoc/>
    public int ColumnStart(int variable) => At(_columnStart, variable);

    /// <inheritdoc/>
    public int EdgeCheck(int edge) => At(_edgeCheck, edge);

    /// <inheritdoc/>
    public int EdgeVariable(int edge) => At(_edgeVariable, edge);

    /// <inheritdoc/>
    public int RowStart(int check) => At(_rowStart, check);

    /// <inheritdoc/>
    public int RowEdge(int index) => At(_rowEdges, index);

    /// <inheritdoc/>
    public double PriorLlr(int variable) => At(_priorLlr, variable);

    /// <inheritdoc/>
    public ulong ObservableMask(int variable, int word) => At(_observableMask, variable * ObservableWords + word);

    internal int[] ColumnStarts => _columnStart;

    internal int[] EdgeChecks => _edgeCheck;

    internal int[] RowStarts => _rowStart;

    internal int[] RowEdges => _rowEdges;

    internal double[] Priors => _priorLlr;

    internal double[] EdgePriors => _edgePrior;

    internal ulong[] ObservableMasks => _observableMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref T At<T>(T[] array, int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)(uint)index);
}

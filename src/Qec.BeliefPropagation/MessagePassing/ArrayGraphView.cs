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
    private readonly int[] _rowStart, _edgeVariable, _edgeCheck, _columnStart, _columnEdges;
    private readonly double[] _priorLlr;
    private readonly ulong[] _observableMask;

    /// <summary>A view of <paramref name="graph"/>.</summary>
    public ArrayGraphView(TannerGraph graph)
    {
        _rowStart = graph.RowStart;
        _edgeVariable = graph.EdgeVariable;
        _edgeCheck = graph.EdgeCheck;
        _columnStart = graph.ColumnStart;
        _columnEdges = graph.ColumnEdges;
        _priorLlr = graph.PriorLlr;
        _observableMask = graph.ObservableMask;
        NumChecks = graph.NumChecks;
        NumVariables = graph.NumVariables;
        ObservableWords = graph.ObservableWords;
        HasNonPositivePrior = Array.Exists(graph.PriorLlr, llr => llr <= 0);
    }

    /// <inheritdoc/>
    public int NumChecks { get; }

    /// <inheritdoc/>
    public int NumVariables { get; }

    /// <inheritdoc/>
    public bool HasNonPositivePrior { get; }

    /// <inheritdoc/>
    public int ObservableWords { get; }

    /// <inheritdoc/>
    public int RowStart(int check) => At(_rowStart, check);

    /// <inheritdoc/>
    public int EdgeVariable(int edge) => At(_edgeVariable, edge);

    /// <inheritdoc/>
    public int EdgeCheck(int edge) => At(_edgeCheck, edge);

    /// <inheritdoc/>
    public int ColumnStart(int variable) => At(_columnStart, variable);

    /// <inheritdoc/>
    public int ColumnEdge(int index) => At(_columnEdges, index);

    /// <inheritdoc/>
    public double PriorLlr(int variable) => At(_priorLlr, variable);

    /// <inheritdoc/>
    public ulong ObservableMask(int variable, int word) => At(_observableMask, variable * ObservableWords + word);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref T At<T>(T[] array, int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)(uint)index);
}

namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// Read access to a <see cref="Graph.TannerGraph"/>. The message-passing code is written once against
/// this interface and runs over managed arrays on the CPU (<see cref="ArrayGraphView"/>) and over device
/// memory inside ILGPU kernels; implementations are structs, so every call is resolved at compile time.
/// </summary>
public interface IGraphView
{
    /// <summary>Checks, m.</summary>
    int NumChecks { get; }

    /// <summary>Variables, n.</summary>
    int NumVariables { get; }

    /// <summary>True when some prior is ≤ 0 (p ≥ ½), so the all-zero decision is not the prior's.</summary>
    bool HasNonPositivePrior { get; }

    /// <summary>64-bit words of an observable mask.</summary>
    int ObservableWords { get; }

    /// <summary>First edge of check c (edges in row order); RowStart(m) = edge count.</summary>
    int RowStart(int check);

    /// <summary>The variable of an edge.</summary>
    int EdgeVariable(int edge);

    /// <summary>The check of an edge.</summary>
    int EdgeCheck(int edge);

    /// <summary>Start of variable v's run of edges; ColumnStart(n) = edge count.</summary>
    int ColumnStart(int variable);

    /// <summary>The k-th entry of the column lists: an edge.</summary>
    int ColumnEdge(int index);

    /// <summary>ln((1 − p)/p) of a variable.</summary>
    double PriorLlr(int variable);

    /// <summary>Word w of the observables a variable flips.</summary>
    ulong ObservableMask(int variable, int word);
}

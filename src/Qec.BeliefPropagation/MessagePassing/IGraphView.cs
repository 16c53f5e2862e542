namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// Read access to a <see cref="Graph.TannerGraph"/> (edges numbered in column order). The message-passing
/// code is written once against this interface and runs over managed arrays on the CPU
/// (<see cref="ArrayGraphView"/>) and over device memory inside ILGPU kernels; implementations are
/// structs, so every call is resolved at compile time.
/// </summary>
public interface IGraphView
{
    /// <summary>Checks, m.</summary>
    int NumChecks { get; }

    /// <summary>Variables, n.</summary>
    int NumVariables { get; }

    /// <summary>True when some prior is ≤ 0 (p ≥ ½), so the all-zero decision is not the prior's.</summary>
    bool HasNonPositivePrior { get; }

    /// <summary>True when every column has at most 64 edges, so flooding min-sum may run compressed.</summary>
    bool CompressedMinSum { get; }

    /// <summary>64-bit words of an observable mask.</summary>
    int ObservableWords { get; }

    /// <summary>First edge of variable v; ColumnStart(n) = edge count.</summary>
    int ColumnStart(int variable);

    /// <summary>The check of an edge.</summary>
    int EdgeCheck(int edge);

    /// <summary>The variable of an edge.</summary>
    int EdgeVariable(int edge);

    /// <summary>Start of check c's run of <see cref="RowEdge"/>; RowStart(m) = edge count.</summary>
    int RowStart(int check);

    /// <summary>The i-th entry of the row lists: an edge.</summary>
    int RowEdge(int index);

    /// <summary>ln((1 − p)/p) of a variable.</summary>
    double PriorLlr(int variable);

    /// <summary>Word w of the observables a variable flips.</summary>
    ulong ObservableMask(int variable, int word);
}

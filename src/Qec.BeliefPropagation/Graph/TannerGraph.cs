using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Graph;

/// <summary>
/// The factor graph of a <see cref="CheckMatrix"/> as flat arrays, the one layout every BP path reads
/// (the plain C# decoders and the ILGPU kernels alike). Edges are numbered in row order: the edges of
/// check c are <c>RowStart[c] … RowStart[c+1]−1</c>, and <see cref="EdgeVariable"/> names each edge's
/// variable (mechanism). <see cref="ColumnEdges"/> lists, for variable v, the edges
/// <c>ColumnStart[v] … ColumnStart[v+1]−1</c> that touch it, so the variable update gathers without
/// searching. Invariants: every edge appears once in each list; rows and columns list ascending
/// indices; <see cref="PriorLlr"/>[v] = ln((1 − p_v)/p_v).
/// </summary>
public sealed class TannerGraph
{
    private TannerGraph(CheckMatrix matrix)
    {
        Matrix = matrix;
        var h = matrix.Detectors;
        NumChecks = h.Rows;
        NumVariables = h.Columns;
        NumObservables = matrix.Observables.Rows;
        RowStart = new int[NumChecks + 1];
        EdgeVariable = new int[h.NonZeros];
        EdgeCheck = new int[h.NonZeros];
        for (int c = 0; c < NumChecks; c++)
        {
            var row = h.RowEntries(c);
            RowStart[c + 1] = RowStart[c] + row.Length;
            row.CopyTo(EdgeVariable.AsSpan(RowStart[c]));
            EdgeCheck.AsSpan(RowStart[c], row.Length).Fill(c);
        }
        ColumnStart = new int[NumVariables + 1];
        for (int e = 0; e < EdgeVariable.Length; e++)
        {
            ColumnStart[EdgeVariable[e] + 1]++;
        }
        for (int v = 0; v < NumVariables; v++)
        {
            ColumnStart[v + 1] += ColumnStart[v];
        }
        ColumnEdges = new int[EdgeVariable.Length];
        var fill = ColumnStart[..^1];
        for (int e = 0; e < EdgeVariable.Length; e++)
        {
            ColumnEdges[fill[EdgeVariable[e]]++] = e;
        }
        PriorLlr = new double[NumVariables];
        CostOfFlip = new double[NumVariables];
        for (int v = 0; v < NumVariables; v++)
        {
            double p = matrix.Priors[v];
            PriorLlr[v] = Math.Log((1 - p) / p);
            CostOfFlip[v] = Math.Log(1 / p);
        }
        ObservableWords = Math.Max(1, (NumObservables + 63) >> 6);
        ObservableMask = new ulong[NumVariables * ObservableWords];
        for (int k = 0; k < NumObservables; k++)
        {
            foreach (int v in matrix.Observables.RowEntries(k))
            {
                ObservableMask[v * ObservableWords + (k >> 6)] ^= 1UL << (k & 63);
            }
        }
    }

    /// <summary>The check matrix this graph was built from.</summary>
    public CheckMatrix Matrix { get; }

    /// <summary>Checks (detectors), m.</summary>
    public int NumChecks { get; }

    /// <summary>Variables (error mechanisms), n.</summary>
    public int NumVariables { get; }

    /// <summary>Logical observables.</summary>
    public int NumObservables { get; }

    /// <summary>Edges (ones of H).</summary>
    public int NumEdges => EdgeVariable.Length;

    /// <summary>First edge of each check; RowStart[m] = edges.</summary>
    public int[] RowStart { get; }

    /// <summary>The variable of each edge (edges in row order).</summary>
    public int[] EdgeVariable { get; }

    /// <summary>The check of each edge (edges in row order).</summary>
    public int[] EdgeCheck { get; }

    /// <summary>Start of each variable's run in <see cref="ColumnEdges"/>; ColumnStart[n] = edges.</summary>
    public int[] ColumnStart { get; }

    /// <summary>The edges of each variable, in check order.</summary>
    public int[] ColumnEdges { get; }

    /// <summary>Prior log-likelihood ratio ln((1 − p)/p) of each variable (negative when p &gt; ½).</summary>
    public double[] PriorLlr { get; }

    /// <summary>ln(1/p) of each variable: the cost OSD assigns to a flipped bit (as ldpc does).</summary>
    public double[] CostOfFlip { get; }

    /// <summary>64-bit words of one observable mask (at least 1).</summary>
    public int ObservableWords { get; }

    /// <summary>The observables each variable flips: words v·ObservableWords … (v+1)·ObservableWords − 1, bit k&amp;63 of word k&gt;&gt;6.</summary>
    public ulong[] ObservableMask { get; }

    /// <summary>
    /// Builds the graph of a check matrix. Throws <see cref="ArgumentException"/> naming the observable
    /// when a logical observable is flipped by no mechanism (no decoder could ever predict it).
    /// </summary>
    public static TannerGraph From(CheckMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        for (int k = 0; k < matrix.Observables.Rows; k++)
        {
            if (matrix.Observables.RowEntries(k).IsEmpty)
            {
                throw new ArgumentException($"observable L{k} is flipped by no error mechanism: a decoder cannot predict it (remove it or add the errors that flip it)");
            }
        }
        return new TannerGraph(matrix);
    }
}

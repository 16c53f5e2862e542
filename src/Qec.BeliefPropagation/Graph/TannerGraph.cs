using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Graph;

/// <summary>
/// The factor graph of a <see cref="CheckMatrix"/> as flat arrays, the one layout every BP path reads
/// (the plain C# decoders and the ILGPU kernels alike). Edges are numbered in column order: the edges of
/// variable (mechanism) v are <c>ColumnStart[v] … ColumnStart[v+1]−1</c>, so the variable update walks
/// its messages contiguously; <see cref="EdgeCheck"/> and <see cref="EdgeVariable"/> name each edge's
/// ends. <see cref="RowEdges"/> lists, for check c, its edges <c>RowStart[c] … RowStart[c+1]−1</c>.
/// Invariants: every edge appears once in each list; rows and columns list ascending indices;
/// <see cref="PriorLlr"/>[v] = ln((1 − p_v)/p_v).
/// </summary>
public sealed class TannerGraph
{
    /// <summary>Largest column weight the compressed min-sum update handles (one sign bit per edge in a 64-bit word).</summary>
    public const int MaxCompressedColumnWeight = 64;

    private TannerGraph(CheckMatrix matrix)
    {
        Matrix = matrix;
        var h = matrix.Detectors;
        NumChecks = h.Rows;
        NumVariables = h.Columns;
        NumObservables = matrix.Observables.Rows;
        ColumnStart = new int[NumVariables + 1];
        EdgeCheck = new int[h.NonZeros];
        EdgeVariable = new int[h.NonZeros];
        for (int v = 0; v < NumVariables; v++)
        {
            var column = h.ColumnEntries(v);
            ColumnStart[v + 1] = ColumnStart[v] + column.Length;
            column.CopyTo(EdgeCheck.AsSpan(ColumnStart[v]));
            EdgeVariable.AsSpan(ColumnStart[v], column.Length).Fill(v);
            MaxColumnWeight = Math.Max(MaxColumnWeight, column.Length);
        }
        RowStart = new int[NumChecks + 1];
        foreach (int c in EdgeCheck)
        {
            RowStart[c + 1]++;
        }
        for (int c = 0; c < NumChecks; c++)
        {
            RowStart[c + 1] += RowStart[c];
        }
        RowEdges = new int[EdgeCheck.Length];
        var fill = RowStart[..^1];
        for (int k = 0; k < EdgeCheck.Length; k++)
        {
            RowEdges[fill[EdgeCheck[k]]++] = k;
        }
        PriorLlr = new double[NumVariables];
        CostOfFlip = new double[NumVariables];
        for (int v = 0; v < NumVariables; v++)
        {
            double p = matrix.Priors[v];
            PriorLlr[v] = Math.Log((1 - p) / p);
            CostOfFlip[v] = Math.Log(1 / p);
            HasNonPositivePrior |= PriorLlr[v] <= 0;
        }
        EdgePriorLlr = new double[EdgeCheck.Length];
        for (int e = 0; e < EdgeCheck.Length; e++)
        {
            EdgePriorLlr[e] = PriorLlr[EdgeVariable[e]];
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
    public int NumEdges => EdgeCheck.Length;

    /// <summary>Most checks any variable touches.</summary>
    public int MaxColumnWeight { get; }

    /// <summary>Whether some prior is ≤ 0 (p ≥ ½), so the prior's hard decision flips something.</summary>
    public bool HasNonPositivePrior { get; }

    /// <summary>First edge of each variable; ColumnStart[n] = edges.</summary>
    public int[] ColumnStart { get; }

    /// <summary>The check of each edge (edges in column order).</summary>
    public int[] EdgeCheck { get; }

    /// <summary>The variable of each edge (edges in column order).</summary>
    public int[] EdgeVariable { get; }

    /// <summary>Start of each check's run in <see cref="RowEdges"/>; RowStart[m] = edges.</summary>
    public int[] RowStart { get; }

    /// <summary>The edges of each check, in variable order.</summary>
    public int[] RowEdges { get; }

    /// <summary>Prior log-likelihood ratio ln((1 − p)/p) of each variable (negative when p &gt; ½).</summary>
    public double[] PriorLlr { get; }

    /// <summary>The prior LLR of each edge's variable: the first variable-to-check message of every flooding run.</summary>
    public double[] EdgePriorLlr { get; }

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

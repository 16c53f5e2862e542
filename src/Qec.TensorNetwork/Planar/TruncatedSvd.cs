using MathNet.Numerics.Providers.LinearAlgebra;

namespace Qec.TensorNetwork.Planar;

/// <summary>
/// Truncated singular value decomposition of small row-major matrices, M ≈ Σ_{i &lt; kept} s_i u_i v_iᵀ,
/// through MathNet.Numerics' linear-algebra provider (the managed one unless a native provider is
/// loaded). Keeping the largest singular values minimizes the Frobenius error, whose square is the
/// discarded weight Σ_{i ≥ kept} s_i² (Eckart–Young); in the mixed-canonical MPS this is the 2-norm
/// error of the whole state (Schollwöck, Ann. Phys. 326, 96 (2011), Sec. 4.5).
/// </summary>
/// <remarks>
/// The provider works in column-major order: a row-major M (rows × cols) is handed over as the
/// column-major Mᵀ = U′ S V′ᵀ, so the left singular vectors of M are the rows of V′ᵀ and the right ones
/// the columns of U′. The provider wants arrays of exactly the matrix's sizes, so one workspace is kept
/// per shape (a model has few shapes; after the first shots none is allocated). The provider's SVD
/// allocates its own small work arrays on every call: that is the only allocation per shot of the
/// boundary-MPS contraction.
/// </remarks>
internal sealed class TruncatedSvd
{
    /// <summary>Singular values below this fraction of the largest are dropped even under χ: numerically zero rank.</summary>
    public const double RankCutoff = 1e-13;

    private readonly Dictionary<(int Rows, int Cols), Workspace> _workspaces = [];
    private Workspace _current = new(1, 1);

    /// <summary>Rows of the last decomposed matrix.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of the last decomposed matrix.</summary>
    public int Cols { get; private set; }

    /// <summary>Singular triplets kept by the last decomposition (at least 1).</summary>
    public int Kept { get; private set; }

    /// <summary>
    /// Decomposes the row-major <paramref name="rows"/> × <paramref name="cols"/> matrix in
    /// <paramref name="source"/>, keeping at most <paramref name="maxKeep"/> triplets; returns the
    /// discarded weight relative to the whole, Σ_{i ≥ kept} s_i² / Σ_i s_i² (0 for a zero matrix).
    /// </summary>
    public double Decompose(ReadOnlySpan<double> source, int rows, int cols, int maxKeep)
    {
        if (!_workspaces.TryGetValue((rows, cols), out var w))
        {
            w = new Workspace(rows, cols);
            _workspaces.Add((rows, cols), w);
        }
        _current = w;
        Rows = rows;
        Cols = cols;
        source[..(rows * cols)].CopyTo(w.A);
        LinearAlgebraControl.Provider.SingularValueDecomposition(true, w.A, cols, rows, w.S, w.U, w.VT);
        // Invariant: the provider returns singular values in descending order.
        double total = 0;
        foreach (double s in w.S)
        {
            total += s * s;
        }
        int limit = Math.Min(maxKeep, w.S.Length);
        int kept = 1;
        while (kept < limit && w.S[kept] > RankCutoff * w.S[0])
        {
            kept++;
        }
        Kept = kept;
        double discarded = 0;
        for (int i = kept; i < w.S.Length; i++)
        {
            discarded += w.S[i] * w.S[i];
        }
        return total > 0 ? discarded / total : 0;
    }

    /// <summary>Writes U (rows × kept, row-major), each column scaled by s_i when <paramref name="scaled"/>.</summary>
    public void WriteLeft(Span<double> destination, bool scaled)
    {
        var w = _current;
        for (int b = 0; b < Rows; b++)
        {
            var row = destination.Slice(b * Kept, Kept);
            for (int i = 0; i < Kept; i++)
            {
                row[i] = w.VT[i + b * Rows] * (scaled ? w.S[i] : 1.0);
            }
        }
    }

    /// <summary>Writes Vᵀ (kept × cols, row-major), each row scaled by s_i when <paramref name="scaled"/>.</summary>
    public void WriteRight(Span<double> destination, bool scaled)
    {
        var w = _current;
        for (int i = 0; i < Kept; i++)
        {
            double factor = scaled ? w.S[i] : 1.0;
            var row = destination.Slice(i * Cols, Cols);
            var column = w.U.AsSpan(i * Cols, Cols);
            for (int c = 0; c < Cols; c++)
            {
                row[c] = column[c] * factor;
            }
        }
    }

    private sealed class Workspace(int rows, int cols)
    {
        public readonly double[] A = new double[rows * cols];
        public readonly double[] S = new double[Math.Min(rows, cols)];
        public readonly double[] U = new double[cols * cols];
        public readonly double[] VT = new double[rows * rows];
    }
}

using Qec.Core.Algebra;

namespace Qec.Core.Codes;

/// <summary>
/// A CSS code on n qubits: X-type checks (rows of H_X, which detect Z errors) and Z-type checks (rows
/// of H_Z, which detect X errors), validated at construction, with logical operators computed by GF(2)
/// linear algebra (Calderbank–Shor 1996, Steane 1996; e.g. Nielsen–Chuang §10.4.2). Immutable.
/// </summary>
/// <remarks>
/// Invariants: H_X · H_Zᵀ = 0 (every X check meets every Z check on an even number of qubits, so the
/// checks commute); k = n − rank(H_X) − rank(H_Z) ≥ 1.
/// The Z logicals are a basis of ker(H_X) modulo rowspace(H_Z): Z operators that commute with every X
/// check and are not products of Z checks; exactly k of them. The X logicals are a basis of ker(H_Z)
/// modulo rowspace(H_X), paired with the Z logicals: X logical i anticommutes with Z logical j exactly
/// when i = j (X_L · Z_Lᵀ = I).
/// This project's memory experiments are in the Z basis: the detectors are the Z checks, and logical
/// observable L_i is flipped by an X error on a qubit in the support of Z logical i
/// (<see cref="XErrorObservables"/>).
/// </remarks>
public sealed class CssCode
{
    /// <summary>Validates the checks and computes the logical operators.</summary>
    /// <param name="hx">H_X: one row per X-type check, one column per qubit.</param>
    /// <param name="hz">H_Z: one row per Z-type check, one column per qubit.</param>
    /// <exception cref="ArgumentException">
    /// the matrices disagree on the number of qubits, some X check and Z check overlap on an odd
    /// number of qubits, or the code encodes no logical qubit (the message names the check pair or the ranks).
    /// </exception>
    public CssCode(BinaryMatrix hx, BinaryMatrix hz)
    {
        if (hx.Columns != hz.Columns)
        {
            throw new ArgumentException($"H_X has {hx.Columns} columns (qubits) but H_Z has {hz.Columns}");
        }
        if (hx.Columns == 0)
        {
            throw new ArgumentException("a CSS code needs at least one qubit (H_X and H_Z have no columns)");
        }
        CheckCommute(hx, hz);
        HX = hx;
        HZ = hz;
        RankHX = hx.Rank();
        RankHZ = hz.Rank();
        NumLogicals = NumQubits - RankHX - RankHZ;
        if (NumLogicals < 1)
        {
            throw new ArgumentException($"encodes no logical qubit: n = {NumQubits}, rank(H_X) = {RankHX}, rank(H_Z) = {RankHZ}, "
                + $"k = n − rank(H_X) − rank(H_Z) = {NumLogicals}");
        }
        ZLogicals = LogicalBasis(hx, hz, NumLogicals, "Z");
        XLogicals = PairedWith(LogicalBasis(hz, hx, NumLogicals, "X"), ZLogicals);
    }

    /// <summary>H_X: one row per X-type check.</summary>
    public BinaryMatrix HX { get; }

    /// <summary>H_Z: one row per Z-type check (the detectors of a Z-basis memory experiment).</summary>
    public BinaryMatrix HZ { get; }

    /// <summary>n, the number of qubits.</summary>
    public int NumQubits => HX.Columns;

    /// <summary>k = n − rank(H_X) − rank(H_Z), the number of logical qubits (≥ 1).</summary>
    public int NumLogicals { get; }

    /// <summary>rank(H_X) over GF(2).</summary>
    public int RankHX { get; }

    /// <summary>rank(H_Z) over GF(2).</summary>
    public int RankHZ { get; }

    /// <summary>k × n: a basis of ker(H_X) modulo rowspace(H_Z). Row i is the support of Z logical i, which observable L_i measures.</summary>
    public BinaryMatrix ZLogicals { get; }

    /// <summary>k × n: a basis of ker(H_Z) modulo rowspace(H_X), paired with <see cref="ZLogicals"/> (X_L · Z_Lᵀ = I).</summary>
    public BinaryMatrix XLogicals { get; }

    /// <summary>
    /// The logical observables an X error flips under this code's Z-logical basis: bit i is the parity
    /// of the error on the support of Z logical i (Z_L · e). Both vectors are packed as Stim's b8 format
    /// (bit j of byte b is entry 8b + j), like the reference <c>*.errs.b8</c> and <c>*.obs</c> files.
    /// </summary>
    /// <param name="xErrors">⌈n / 8⌉ bytes: bit q set when qubit q has an X error.</param>
    /// <param name="observables">⌈k / 8⌉ bytes, overwritten.</param>
    public void XErrorObservables(ReadOnlySpan<byte> xErrors, Span<byte> observables) => ZLogicals.MultiplyB8(xErrors, observables);

    /// <summary>The syndrome H_Z · e of an X error: the Z checks (detectors) it flips; b8-packed as in <see cref="XErrorObservables"/>.</summary>
    /// <param name="xErrors">⌈n / 8⌉ bytes: bit q set when qubit q has an X error.</param>
    /// <param name="syndrome">⌈rows of H_Z / 8⌉ bytes, overwritten.</param>
    public void XErrorSyndrome(ReadOnlySpan<byte> xErrors, Span<byte> syndrome) => HZ.MultiplyB8(xErrors, syndrome);

    private static void CheckCommute(BinaryMatrix hx, BinaryMatrix hz)
    {
        var overlaps = hx.Multiply(hz.Transpose());
        for (int i = 0; i < overlaps.Rows; i++)
        {
            if (overlaps.RowWeight(i) == 0)
            {
                continue;
            }
            int j = overlaps.RowSupport(i)[0];
            int shared = hx.RowSupport(i).Intersect(hz.RowSupport(j)).Count();
            throw new ArgumentException($"not a CSS code: X check {i} and Z check {j} overlap on an odd number of qubits ({shared})");
        }
    }

    /// <summary>A basis of ker(commuting) modulo rowspace(stabilizers); its size must be k (dimension count).</summary>
    private static BinaryMatrix LogicalBasis(BinaryMatrix commuting, BinaryMatrix stabilizers, int k, string type)
    {
        // rowspace(stabilizers) ⊆ ker(commuting) because H_X · H_Zᵀ = 0, so the quotient has dimension
        // (n − rank(commuting)) − rank(stabilizers) = k.
        var basis = commuting.KernelBasis().BasisModulo(stabilizers);
        return basis.Rows == k
            ? basis
            : throw new InvalidOperationException($"found {basis.Rows} {type} logicals for k = {k}: the GF(2) elimination is wrong");
    }

    /// <summary>
    /// Recombines X logicals so that X_L · Z_Lᵀ = I. The pairing M = X · Z_Lᵀ is invertible (the symplectic
    /// form is nondegenerate on the logical quotient), and (M⁻¹ · X) · Z_Lᵀ = I; recombining keeps the span.
    /// </summary>
    private static BinaryMatrix PairedWith(BinaryMatrix xLogicals, BinaryMatrix zLogicals) =>
        xLogicals.Multiply(zLogicals.Transpose()).Inverse().Multiply(xLogicals);
}

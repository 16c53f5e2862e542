using Qec.Core.Algebra;

namespace Qec.Core.Codes;

/// <summary>
/// A bivariate bicycle code (Bravyi, Cross, Gambetta, Maslov, Rall, Yoder, "High-threshold and
/// low-overhead fault-tolerant quantum memory", Nature 627, 778 (2024), §"Bivariate bicycle codes"):
/// over the torus Z_l × Z_m with x = S_l ⊗ I_m and y = I_l ⊗ S_m, two polynomials A, B in x and y give
/// H_X = [A | B] and H_Z = [Bᵀ | Aᵀ] on n = 2lm qubits. H_X · H_Zᵀ = AB + BA = 0 because x and y commute.
/// </summary>
/// <remarks>
/// Indexing (the one of ../shared/reference/bp, checked by the tests): torus position (i, j) has index
/// i·m + j; qubit i·m + j is the "left" qubit at (i, j) and lm + i·m + j the "right" one; X check and
/// Z check i·m + j sit at (i, j). Matrices of A and B as in <see cref="BivariatePolynomial.ToMatrix"/>.
/// Examples from the paper: l = m = 6, A = x³ + y + y², B = y³ + x + x² is [[72,12,6]];
/// l = 12, m = 6 with the same A, B is the [[144,12,12]] "gross" code.
/// </remarks>
public sealed class BivariateBicycleCode
{
    private BivariateBicycleCode(int l, int m, BivariatePolynomial a, BivariatePolynomial b, CssCode code)
    {
        L = l;
        M = m;
        A = a;
        B = b;
        Code = code;
    }

    /// <summary>l: the size of the x cycle.</summary>
    public int L { get; }

    /// <summary>m: the size of the y cycle.</summary>
    public int M { get; }

    /// <summary>The polynomial A.</summary>
    public BivariatePolynomial A { get; }

    /// <summary>The polynomial B.</summary>
    public BivariatePolynomial B { get; }

    /// <summary>The CSS code: H_X = [A | B], H_Z = [Bᵀ | Aᵀ], n = 2lm.</summary>
    public CssCode Code { get; }

    /// <summary>Builds the code of two polynomials on Z_l × Z_m.</summary>
    /// <exception cref="ArgumentException">l or m below 1, terms that coincide mod (l, m), or a code with k = 0.</exception>
    public static BivariateBicycleCode Create(int l, int m, BivariatePolynomial a, BivariatePolynomial b)
    {
        if (l < 1 || m < 1 || (long)l * m > 1_000_000)
        {
            throw new ArgumentException($"l and m must be at least 1 with l·m ≤ 1,000,000 (got l = {l}, m = {m})");
        }
        var matrixA = a.ToMatrix(l, m);
        var matrixB = b.ToMatrix(l, m);
        var hx = BinaryMatrix.ConcatColumns(matrixA, matrixB);
        var hz = BinaryMatrix.ConcatColumns(matrixB.Transpose(), matrixA.Transpose());
        try
        {
            return new BivariateBicycleCode(l, m, a, b, new CssCode(hx, hz));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"bivariate bicycle code l = {l}, m = {m}, A = {a.Text}, B = {b.Text}: {e.Message}", e);
        }
    }

    /// <summary>Parses both polynomials (<see cref="BivariatePolynomial.Parse"/>) and builds the code.</summary>
    /// <exception cref="FormatException">a polynomial is malformed.</exception>
    /// <exception cref="ArgumentException">as <see cref="Create(int, int, BivariatePolynomial, BivariatePolynomial)"/>.</exception>
    public static BivariateBicycleCode Create(int l, int m, string a, string b) =>
        Create(l, m, BivariatePolynomial.Parse(a), BivariatePolynomial.Parse(b));

    /// <summary>The torus position (i, j) of check (X or Z) number <paramref name="check"/>: i = ⌊check / m⌋, j = check mod m.</summary>
    public (int I, int J) CheckPosition(int check) => (check / M, check % M);
}

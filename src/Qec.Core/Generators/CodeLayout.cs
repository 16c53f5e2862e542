using Qec.Core.Algebra;
using Qec.Core.Codes;

namespace Qec.Core.Generators;

/// <summary>
/// The geometry of a CSS code for a Z-basis memory experiment: data qubits, Z-type checks (which
/// detect X errors), X-type checks (which detect Z errors; may be none) and, for each data qubit, the
/// logical observables its X error flips (the measured Z logicals whose support holds it). Checks are
/// listed in detector order (for the surface and repetition codes: sorted by x, then y).
/// An X-basis memory uses the layout of its code with the roles exchanged (<see cref="Exchanged"/>): there
/// <see cref="ZChecks"/> holds the X-type checks, <see cref="XChecks"/> the Z-type ones, "X error" reads
/// "Z error" and the observables are the X logicals, so one writer serves both bases.
/// </summary>
internal sealed class CodeLayout
{
    private CodeLayout(int numData, CodeCheck[] zChecks, CodeCheck[] xChecks, int numObservables, int[][] observablesOfQubit)
    {
        NumData = numData;
        ZChecks = zChecks;
        XChecks = xChecks;
        NumObservables = numObservables;
        ObservablesOfQubit = observablesOfQubit;
        ZChecksOfQubit = ChecksOfQubit(numData, zChecks);
        XChecksOfQubit = ChecksOfQubit(numData, xChecks);
    }

    /// <summary>Number of data qubits.</summary>
    public int NumData { get; }

    /// <summary>Z-type checks in detector order.</summary>
    public CodeCheck[] ZChecks { get; }

    /// <summary>X-type checks in detector order (empty for the repetition code).</summary>
    public CodeCheck[] XChecks { get; }

    /// <summary>Number of logical observables L0 … L(k−1).</summary>
    public int NumObservables { get; }

    /// <summary>For each data qubit, the observables (ascending) that an X error on it flips.</summary>
    public int[][] ObservablesOfQubit { get; }

    /// <summary>For each data qubit, the indices (into <see cref="ZChecks"/>) of the Z checks on it, ascending.</summary>
    public int[][] ZChecksOfQubit { get; }

    /// <summary>For each data qubit, the indices (into <see cref="XChecks"/>) of the X checks on it, ascending.</summary>
    public int[][] XChecksOfQubit { get; }

    /// <summary>
    /// The rotated surface code of distance d (Horsman et al., "Surface code quantum computing by
    /// lattice surgery", NJP 14, 123011, 2012, fig. 1; Stim's layout). Data qubit (i, j), 0 ≤ i, j &lt; d,
    /// sits at (2i+1, 2j+1) and has index j·d + i. A check sits at a plaquette corner (2a, 2b),
    /// 0 ≤ a, b ≤ d, and acts on the data qubits (i, j) with i ∈ {a−1, a}, j ∈ {b−1, b}. Bulk plaquettes
    /// (0 &lt; a, b &lt; d) alternate: Z-type when a + b is even. Weight-2 plaquettes on the left and right
    /// edges (a ∈ {0, d}) exist only where they would be Z-type, on the top and bottom edges
    /// (b ∈ {0, d}) only where they would be X-type; corners have none. So X-error strings end on the
    /// top and bottom edges, and L0 (the Z logical) is the bottom row j = 0, which every such string
    /// crosses once: the X distance is d. There are ⌊(d² − 1)/2⌋ Z-type checks.
    /// </summary>
    /// <remarks>
    /// X memory (<paramref name="basis"/> X): Z errors are seen by the X-type checks and their strings
    /// end on the left and right edges, which the left column i = 0 crosses once: L0 is the X logical on
    /// that column.
    /// </remarks>
    public static CodeLayout RotatedSurface(int d, MemoryBasis basis)
    {
        var z = new List<CodeCheck>();
        var x = new List<CodeCheck>();
        for (int a = 0; a <= d; a++)
        {
            for (int b = 0; b <= d; b++)
            {
                bool isZ = (a + b) % 2 == 0;
                bool onSide = a == 0 || a == d, onTopOrBottom = b == 0 || b == d;
                if ((onSide && onTopOrBottom) || (onSide && !isZ) || (onTopOrBottom && isZ))
                {
                    continue;
                }
                var qubits = new List<int>(4);
                for (int j = b - 1; j <= b; j++)
                {
                    for (int i = a - 1; i <= a; i++)
                    {
                        if (i >= 0 && i < d && j >= 0 && j < d)
                        {
                            qubits.Add(j * d + i);
                        }
                    }
                }
                (isZ ? z : x).Add(new CodeCheck(2 * a, 2 * b, qubits.ToArray()));
            }
        }
        return basis == MemoryBasis.Z
            ? new CodeLayout(d * d, z.ToArray(), x.ToArray(), 1, OnlyL0(d * d, q => q < d))
            : Exchanged(d * d, z, x, OnlyL0(d * d, q => q % d == 0));
    }

    /// <summary>
    /// The unrotated (planar) surface code of distance d in Stim's layout (its
    /// <c>surface_code:unrotated_memory_*</c>; Dennis et al., "Topological quantum memory", J. Math. Phys.
    /// 43, 4452, 2002, for the planar code): on the grid 0 ≤ x, y ≤ 2d − 2, data qubits sit where x + y is
    /// even, indexed row by row (y, then x), d² + (d − 1)² of them; Z-type checks at x even, y odd and X-type
    /// checks at x odd, y even, d(d − 1) of each, act on their (up to four) grid neighbours. Every Z check
    /// holds both vertical neighbours, so X-error strings end on the top and bottom rows (y = 0 and 2d − 2,
    /// whose qubits have one Z check), and L0, the Z logical on the row y = 0 (d qubits, Stim's
    /// z_observable), is crossed once by each. X memory: the X-type checks, strings ending on the left and
    /// right columns, and L0 the X logical on the column x = 0 (Stim's x_observable).
    /// </summary>
    public static CodeLayout UnrotatedSurface(int d, MemoryBasis basis)
    {
        int size = 2 * d - 1;
        var index = new int[size, size];
        var data = new List<(int X, int Y)>();
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                index[x, y] = -1;
                if ((x + y) % 2 == 0)
                {
                    index[x, y] = data.Count;
                    data.Add((x, y));
                }
            }
        }
        var z = new List<CodeCheck>();
        var xChecks = new List<CodeCheck>();
        for (int x = 0; x < size; x++)
        {
            for (int y = 0; y < size; y++)
            {
                if ((x + y) % 2 == 0)
                {
                    continue;
                }
                var qubits = new List<int>(4);
                foreach (var (nx, ny) in (ReadOnlySpan<(int, int)>)[(x - 1, y), (x, y - 1), (x, y + 1), (x + 1, y)])
                {
                    if (nx >= 0 && nx < size && ny >= 0 && ny < size)
                    {
                        qubits.Add(index[nx, ny]);
                    }
                }
                qubits.Sort();
                (x % 2 == 0 ? z : xChecks).Add(new CodeCheck(x, y, qubits.ToArray()));
            }
        }
        return basis == MemoryBasis.Z
            ? new CodeLayout(data.Count, z.ToArray(), xChecks.ToArray(), 1, OnlyL0(data.Count, q => data[q].Y == 0))
            : Exchanged(data.Count, z, xChecks, OnlyL0(data.Count, q => data[q].X == 0));
    }

    /// <summary>
    /// The layout of an X-basis memory: the X-type checks <paramref name="xChecks"/> become the detecting
    /// checks (in the place of Z checks), the Z-type ones the others, and <paramref name="xLogicalOfQubit"/>
    /// says which X logicals a Z error on each qubit flips.
    /// </summary>
    private static CodeLayout Exchanged(int numData, List<CodeCheck> zChecks, List<CodeCheck> xChecks, int[][] xLogicalOfQubit) =>
        new(numData, xChecks.ToArray(), zChecks.ToArray(), 1, xLogicalOfQubit);

    /// <summary>
    /// The bit-flip repetition code of distance d: data qubit i at x = 2i (y = 0), Z-type check c
    /// between data qubits c and c+1 at x = 2c + 1; no X-type checks. L0 is the last data qubit, as
    /// in Stim's repetition_code:memory.
    /// </summary>
    public static CodeLayout Repetition(int d)
    {
        var z = new CodeCheck[d - 1];
        for (int c = 0; c < d - 1; c++)
        {
            z[c] = new CodeCheck(2 * c + 1, 0, [c, c + 1]);
        }
        return new CodeLayout(d, z, [], 1, OnlyL0(d, q => q == d - 1));
    }

    /// <summary>
    /// A CSS code: Z check c is row c of H_Z at <paramref name="zPosition"/>(c), X check c row c of H_X
    /// at <paramref name="xPosition"/>(c); an X error on qubit q flips L_i when Z logical i holds q.
    /// </summary>
    public static CodeLayout Css(CssCode code, Func<int, (double X, double Y)> zPosition, Func<int, (double X, double Y)> xPosition)
    {
        var logicals = code.ZLogicals.Transpose();
        var observables = new int[code.NumQubits][];
        for (int q = 0; q < code.NumQubits; q++)
        {
            observables[q] = logicals.RowSupport(q);
        }
        return new CodeLayout(code.NumQubits, Checks(code.HZ, zPosition), Checks(code.HX, xPosition), code.NumLogicals, observables);
    }

    private static CodeCheck[] Checks(BinaryMatrix h, Func<int, (double X, double Y)> position)
    {
        var checks = new CodeCheck[h.Rows];
        for (int c = 0; c < h.Rows; c++)
        {
            var (x, y) = position(c);
            checks[c] = new CodeCheck(x, y, h.RowSupport(c));
        }
        return checks;
    }

    private static int[][] OnlyL0(int numData, Func<int, bool> flips)
    {
        var observables = new int[numData][];
        for (int q = 0; q < numData; q++)
        {
            observables[q] = flips(q) ? [0] : [];
        }
        return observables;
    }

    private static int[][] ChecksOfQubit(int numData, CodeCheck[] checks)
    {
        var lists = new List<int>[numData];
        for (int q = 0; q < numData; q++)
        {
            lists[q] = [];
        }
        for (int c = 0; c < checks.Length; c++)
        {
            foreach (int q in checks[c].Qubits)
            {
                lists[q].Add(c);
            }
        }
        var result = new int[numData][];
        for (int q = 0; q < numData; q++)
        {
            result[q] = lists[q].ToArray();
        }
        return result;
    }
}

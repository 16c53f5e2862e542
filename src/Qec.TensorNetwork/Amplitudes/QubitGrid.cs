namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// Qubits on a near-square grid: <see cref="Columns"/> = ⌈√n⌉, <see cref="Rows"/> = ⌈n / Columns⌉, filled row
/// by row, so qubit q sits at (q / Columns, q mod Columns) and only the last row may be short. Couplers join
/// horizontal and vertical neighbours that are both present.
/// </summary>
public sealed class QubitGrid
{
    private QubitGrid(int count, int rows, int columns)
    {
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Qubits on the grid.</summary>
    public int Count { get; }

    /// <summary>Rows (the last may be partly empty).</summary>
    public int Rows { get; }

    /// <summary>Columns.</summary>
    public int Columns { get; }

    /// <summary>The near-square grid of <paramref name="qubits"/> (at least 1) qubits.</summary>
    public static QubitGrid NearSquare(int qubits)
    {
        if (qubits < 1)
        {
            throw new ArgumentException($"a grid needs at least one qubit, got {qubits}");
        }
        int columns = 1;
        while ((long)columns * columns < qubits)
        {
            columns++;
        }
        return new QubitGrid(qubits, (qubits + columns - 1) / columns, columns);
    }

    /// <summary>Row of qubit <paramref name="q"/>.</summary>
    public int Row(int q) => q / Columns;

    /// <summary>Column of qubit <paramref name="q"/>.</summary>
    public int Column(int q) => q % Columns;

    /// <summary>The couplers of <paramref name="pattern"/>, each as (upper or left qubit, lower or right qubit), in qubit order.</summary>
    public IReadOnlyList<(int A, int B)> Couplers(CouplerPattern pattern)
    {
        bool vertical = pattern is CouplerPattern.A or CouplerPattern.B;
        int parity = pattern is CouplerPattern.A or CouplerPattern.C ? 0 : 1;
        var couplers = new List<(int, int)>();
        for (int q = 0; q < Count; q++)
        {
            int partner = vertical ? q + Columns : q + 1;
            bool inside = vertical ? partner < Count : Column(q) + 1 < Columns && partner < Count;
            int coordinate = vertical ? Row(q) : Column(q);
            if (inside && coordinate % 2 == parity)
            {
                couplers.Add((q, partner));
            }
        }
        return couplers;
    }

    /// <summary>"3×4" (rows × columns).</summary>
    public override string ToString() => $"{Rows}×{Columns}";
}

using System.Numerics;

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// A gate on one or two qubits: a 2^k × 2^k complex matrix, row-major, element [r, c] = ⟨r|U|c⟩ in the basis
/// |x_{Qubits[0]} x_{Qubits[1]}⟩ — the first qubit is the more significant bit of r and c (for a
/// two-qubit gate, r = 2·x_{Qubits[0]} + x_{Qubits[1]}). Immutable.
/// </summary>
public sealed class Gate
{
    private readonly Complex[] _matrix;

    /// <summary>A gate named <paramref name="name"/> on <paramref name="qubits"/> (one or two, distinct) with <paramref name="matrix"/> (copied).</summary>
    public Gate(string name, int[] qubits, Complex[] matrix)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(qubits);
        ArgumentNullException.ThrowIfNull(matrix);
        if (qubits.Length is not (1 or 2) || (qubits.Length == 2 && qubits[0] == qubits[1]))
        {
            throw new ArgumentException($"gate {name}: acts on one qubit or two distinct qubits, not on [{string.Join(", ", qubits)}]");
        }
        int dim = 1 << qubits.Length;
        if (matrix.Length != dim * dim)
        {
            throw new ArgumentException($"gate {name} on {qubits.Length} qubit(s) needs a {dim}×{dim} matrix ({dim * dim} entries), got {matrix.Length}");
        }
        Name = name;
        Qubits = [.. qubits];
        _matrix = [.. matrix];
    }

    /// <summary>A short name ("√X", "fSim", "CZ").</summary>
    public string Name { get; }

    /// <summary>The qubits, in the order the matrix's basis names them.</summary>
    public IReadOnlyList<int> Qubits { get; }

    /// <summary>Row-major 2^k × 2^k entries.</summary>
    public IReadOnlyList<Complex> Matrix => _matrix;

    /// <summary>Side of the matrix: 2 or 4.</summary>
    public int Dimension => 1 << Qubits.Count;

    /// <summary>True when every off-diagonal entry is exactly zero (CZ): the gate only weights basis states.</summary>
    public bool IsDiagonal
    {
        get
        {
            for (int r = 0; r < Dimension; r++)
            {
                for (int c = 0; c < Dimension; c++)
                {
                    if (r != c && _matrix[r * Dimension + c] != Complex.Zero)
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /// <summary>A copy of the row-major entries.</summary>
    public Complex[] ToArray() => [.. _matrix];

    /// <summary>e.g. "fSim(3, 7)".</summary>
    public override string ToString() => $"{Name}({string.Join(", ", Qubits)})";
}

using System.Numerics;
using Qec.TensorNetwork.Amplitudes;

namespace Qec.TensorNetwork.Tests.Amplitudes;

/// <summary>
/// The gate matrices are unitary and are what their names say: R_P(π/2)² = R_P(π) = −i·P for the Paulis
/// X, Y and W = (X + Y)/√2 written out here, fSim(0, π) = CZ, fSim(π/2, 0) swaps |01⟩ and |10⟩ with a −i.
/// Tolerance 1e-15 (a few roundings of entries of size ≤ 1).
/// </summary>
public class GateMatricesTests
{
    private const double Tolerance = 1e-15;

    public static TheoryData<string> Names => ["√X", "√Y", "√W", "fSim(π/2, π/6)", "fSim(0.3, 1.7)", "CZ"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Gates_are_unitary(string name)
    {
        var u = Matrix(name);
        int dim = (int)Math.Sqrt(u.Length);
        for (int r = 0; r < dim; r++)
        {
            for (int c = 0; c < dim; c++)
            {
                Complex dot = 0;  // (U†U)[r, c] = Σ_k conj(U[k, r]) U[k, c]
                for (int k = 0; k < dim; k++)
                {
                    dot += Complex.Conjugate(u[k * dim + r]) * u[k * dim + c];
                }
                Assert.True(Complex.Abs(dot - (r == c ? 1 : 0)) < Tolerance, $"{name}: (U†U)[{r}, {c}] = {dot}");
            }
        }
    }

    [Fact]
    public void Square_roots_square_to_minus_i_times_their_Pauli()
    {
        var i = Complex.ImaginaryOne;
        double h = 1 / Math.Sqrt(2);
        AssertClose([0, 1, 1, 0], Scaled(i, Square(GateMatrices.SqrtX())));
        AssertClose([0, -i, i, 0], Scaled(i, Square(GateMatrices.SqrtY())));
        AssertClose([0, h * (1 - i), h * (1 + i), 0], Scaled(i, Square(GateMatrices.SqrtW())));  // W = (X + Y)/√2
    }

    [Fact]
    public void FSim_reduces_to_cz_and_to_a_swap()
    {
        AssertClose(GateMatrices.Cz(), GateMatrices.FSim(0, Math.PI));
        var i = Complex.ImaginaryOne;
        AssertClose([1, 0, 0, 0, 0, 0, -i, 0, 0, -i, 0, 0, 0, 0, 0, 1], GateMatrices.FSim(Math.PI / 2, 0));
    }

    [Fact]
    public void Bad_gates_and_circuits_are_refused_by_name()
    {
        Assert.Equal("gate CZ: acts on one qubit or two distinct qubits, not on [3, 3]",
            Assert.Throws<ArgumentException>(() => new Gate("CZ", [3, 3], GateMatrices.Cz())).Message);
        Assert.Equal("gate √X on 2 qubit(s) needs a 4×4 matrix (16 entries), got 4",
            Assert.Throws<ArgumentException>(() => new Gate("√X", [0, 1], GateMatrices.SqrtX())).Message);
        Assert.Equal("gate 1 (CZ(1, 4)) acts on qubit 4; the circuit has qubits 0 … 3",
            Assert.Throws<ArgumentException>(() => new QuantumCircuit(4, [new Gate("√X", [0], GateMatrices.SqrtX()), new Gate("CZ", [1, 4], GateMatrices.Cz())])).Message);
    }

    private static Complex[] Matrix(string name) => name switch
    {
        "√X" => GateMatrices.SqrtX(),
        "√Y" => GateMatrices.SqrtY(),
        "√W" => GateMatrices.SqrtW(),
        "fSim(π/2, π/6)" => GateMatrices.SycamoreFSim(),
        "fSim(0.3, 1.7)" => GateMatrices.FSim(0.3, 1.7),
        _ => GateMatrices.Cz(),
    };

    private static Complex[] Square(Complex[] m) =>
        [m[0] * m[0] + m[1] * m[2], m[0] * m[1] + m[1] * m[3], m[2] * m[0] + m[3] * m[2], m[2] * m[1] + m[3] * m[3]];

    /// <summary>factor · m (i · R_P(π) = P).</summary>
    private static Complex[] Scaled(Complex factor, Complex[] m) => [.. m.Select(x => factor * x)];

    private static void AssertClose(Complex[] expected, Complex[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Complex.Abs(expected[k] - actual[k]) < Tolerance, $"entry {k}: expected {expected[k]}, got {actual[k]}");
        }
    }
}

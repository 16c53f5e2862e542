using System.Numerics;
using Qec.TensorNetwork.Amplitudes;
using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Tests.Amplitudes;

/// <summary>
/// Amplitudes by contraction against a state-vector simulation (<see cref="StateVector"/>), against the
/// partition function of a complex-coupling Ising model, and the sum rule Σ_x |⟨x|C|0⟩|² = 1.
/// Tolerance 1e-10 absolute (amplitudes are ~2^{−n/2} ≈ 0.02 here; both sides round at ~1e-15 per gate).
/// </summary>
public class CircuitAmplitudeTests
{
    private const double Tolerance = 1e-10;

    [Theory]
    [InlineData(10, 6, 1, EntanglingGate.FSim)]
    [InlineData(10, 8, 2, EntanglingGate.Cz)]
    [InlineData(11, 7, 3, EntanglingGate.FSim)]
    [InlineData(12, 8, 4, EntanglingGate.FSim)]
    [InlineData(12, 8, 5, EntanglingGate.Cz)]
    [InlineData(12, 6, 6, EntanglingGate.FSim)]
    public void Amplitudes_equal_a_state_vector_simulation(int qubits, int depth, int seed, EntanglingGate gate)
    {
        var circuit = RandomCircuit.Generate(qubits, depth, seed, gate).Circuit;
        var expected = StateVector.Run(circuit);
        var amplitude = new CircuitAmplitude(circuit, ContractionLimits.Default);
        var random = new Random(seed + 1000);
        string[] bitstrings =
        [
            new('0', qubits), new('1', qubits),
            StateVector.Bitstring(MostLikely(expected), qubits),
            .. Enumerable.Range(0, 4).Select(_ => StateVector.Bitstring(random.Next(1 << qubits), qubits)),
        ];
        foreach (string x in bitstrings)
        {
            var actual = amplitude.Of(x);
            Assert.True(Complex.Abs(actual - expected[StateVector.Index(x)]) < Tolerance,
                $"⟨{x}|C|0⟩: contraction {actual}, state vector {expected[StateVector.Index(x)]}");
        }
    }

    [Theory]
    [InlineData(1, EntanglingGate.FSim)]
    [InlineData(2, EntanglingGate.Cz)]
    public void All_256_amplitudes_at_8_qubits_have_unit_norm_and_match_single_contractions(int seed, EntanglingGate gate)
    {
        var circuit = RandomCircuit.Generate(8, 8, seed, gate).Circuit;
        var all = new CircuitState(circuit, ContractionLimits.Default).Amplitudes();
        var expected = StateVector.Run(circuit);
        var single = new CircuitAmplitude(circuit, ContractionLimits.Default);
        Assert.Equal(256, all.Length);
        Assert.Equal(1.0, all.Sum(a => a.Magnitude * a.Magnitude), Tolerance);
        for (int k = 0; k < all.Length; k++)
        {
            Assert.True(Complex.Abs(all[k] - expected[k]) < Tolerance, $"open legs, x = {StateVector.Bitstring(k, 8)}");
            Assert.True(Complex.Abs(single.Of(StateVector.Bitstring(k, 8)) - all[k]) < Tolerance, $"closed network, x = {StateVector.Bitstring(k, 8)}");
        }
    }

    /// <summary>
    /// √Y on every qubit, CZ on every coupler of a 3×3 grid, √Y again. With ⟨z|√Y|0⟩ = 1/√2 and
    /// ⟨x|√Y|z⟩ = (−1)^{(1−x)z}/√2, the amplitude is 2^{−n} Σ_s exp(Σ_⟨ab⟩ iπ(1 − s_a − s_b + s_a s_b)/4
    /// + Σ_q iπ(1 − x_q)(1 − s_q)/2) over spins s = 1 − 2z = ±1: an Ising model with coupling iπ/4.
    /// </summary>
    [Theory]
    [InlineData("000000000")]
    [InlineData("101010101")]
    [InlineData("110001011")]
    [InlineData("111111111")]
    public void A_cz_circuit_amplitude_is_a_complex_coupling_Ising_partition_function(string x)
    {
        const int n = 9;
        var grid = QubitGrid.NearSquare(n);
        var edges = Enum.GetValues<CouplerPattern>().SelectMany(grid.Couplers).ToList();
        var gates = new List<Gate>();
        gates.AddRange(Enumerable.Range(0, n).Select(q => new Gate("√Y", [q], GateMatrices.SqrtY())));
        gates.AddRange(edges.Select(e => new Gate("CZ", [e.A, e.B], GateMatrices.Cz())));
        gates.AddRange(Enumerable.Range(0, n).Select(q => new Gate("√Y", [q], GateMatrices.SqrtY())));
        var actual = new CircuitAmplitude(new QuantumCircuit(n, gates), ContractionLimits.Default).Of(x);

        Complex partition = 0;
        for (int z = 0; z < 1 << n; z++)
        {
            int Spin(int q) => ((z >> q) & 1) == 0 ? 1 : -1;
            Complex exponent = 0;
            foreach (var (a, b) in edges)
            {
                exponent += Complex.ImaginaryOne * Math.PI / 4 * (1 - Spin(a) - Spin(b) + Spin(a) * Spin(b));
            }
            for (int q = 0; q < n; q++)
            {
                exponent += Complex.ImaginaryOne * Math.PI / 2 * (1 - (x[q] - '0')) * (1 - Spin(q));
            }
            partition += Complex.Exp(exponent);
        }
        Assert.Equal(12, edges.Count);
        Assert.True(Complex.Abs(actual - partition / (1 << n)) < Tolerance, $"contraction {actual}, Ising sum {partition / (1 << n)}");
    }

    [Fact]
    public void A_network_over_the_limits_is_refused_with_its_cost_before_contracting()
    {
        var circuit = RandomCircuit.Generate(12, 8, 1).Circuit;
        var e = Assert.Throws<ArgumentException>(() => new CircuitAmplitude(circuit, new ContractionLimits(1000, 1000)));
        Assert.StartsWith("the amplitude network of a 12-qubit circuit of ", e.Message, StringComparison.Ordinal);
        Assert.Contains("contracting it needs 2^", e.Message, StringComparison.Ordinal);
        Assert.Contains("the limit is 2^10 flops", e.Message, StringComparison.Ordinal);
        // All amplitudes of 30 qubits: the open result alone is 2^30 elements, refused without building it.
        var wide = RandomCircuit.Generate(30, 1, 1).Circuit;
        Assert.Contains("largest intermediate 2^30 elements", Assert.Throws<ArgumentException>(() => new CircuitState(wide, ContractionLimits.Default)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0101", "bitstring '0101' has 4 characters; the circuit has 5 qubits")]
    [InlineData("010101", "bitstring '010101' has 6 characters; the circuit has 5 qubits")]
    [InlineData("01201", "bitstring '01201' has '2' at position 2; only 0 and 1 are allowed")]
    [InlineData("0 101", "bitstring '0 101' has ' ' at position 1; only 0 and 1 are allowed")]
    public void Bad_bitstrings_are_refused_by_name(string bitstring, string message)
    {
        var amplitude = new CircuitAmplitude(RandomCircuit.Generate(5, 2, 1).Circuit, ContractionLimits.Default);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => amplitude.Of(bitstring)).Message);
    }

    private static int MostLikely(Complex[] psi) =>
        Enumerable.Range(0, psi.Length).MaxBy(k => psi[k].Magnitude);
}

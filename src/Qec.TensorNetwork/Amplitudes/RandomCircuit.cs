namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// A seeded random circuit in the style of Google's Sycamore experiment (Arute et al., Nature 574, 505 (2019),
/// Fig. 3): <see cref="Depth"/> cycles, each a layer of single-qubit gates — on every qubit one of √X, √Y, √W
/// drawn uniformly, never the gate that qubit had in the previous cycle — followed by a layer of two-qubit
/// gates on the couplers of one <see cref="CouplerPattern"/>, the patterns taken in the order
/// ABCDCDAB, repeated. A closing layer of single-qubit gates (same rule) follows the last cycle, as in Cirq's
/// <c>random_rotations_between_grid_interaction_layers_circuit</c>, so depth 0 is one single-qubit layer.
/// The same (qubits, depth, seed, gate) always gives the same circuit (<see cref="Random"/> with a seed is
/// stable across runs and platforms).
/// </summary>
public sealed class RandomCircuit
{
    /// <summary>Sycamore's pattern order ABCDCDAB (Arute et al. 2019, Fig. 3).</summary>
    private static readonly CouplerPattern[] Order =
        [CouplerPattern.A, CouplerPattern.B, CouplerPattern.C, CouplerPattern.D,
         CouplerPattern.C, CouplerPattern.D, CouplerPattern.A, CouplerPattern.B];

    private static readonly string[] SingleQubitNames = ["√X", "√Y", "√W"];

    private RandomCircuit(QubitGrid grid, int depth, int seed, EntanglingGate entangler, QuantumCircuit circuit)
    {
        Grid = grid;
        Depth = depth;
        Seed = seed;
        Entangler = entangler;
        Circuit = circuit;
    }

    /// <summary>Where the qubits sit.</summary>
    public QubitGrid Grid { get; }

    /// <summary>Cycles (single-qubit layer + two-qubit layer), not counting the closing single-qubit layer.</summary>
    public int Depth { get; }

    /// <summary>The seed the circuit was drawn with.</summary>
    public int Seed { get; }

    /// <summary>The two-qubit gate.</summary>
    public EntanglingGate Entangler { get; }

    /// <summary>The gates, cycle by cycle: in each, one single-qubit gate per qubit (qubit order), then the couplers' gates (qubit order).</summary>
    public QuantumCircuit Circuit { get; }

    /// <summary>The coupler pattern of cycle <paramref name="cycle"/> (0-based).</summary>
    public static CouplerPattern PatternOf(int cycle) => Order[cycle % Order.Length];

    /// <summary>Draws a circuit of <paramref name="qubits"/> (≥ 1) qubits and <paramref name="depth"/> (≥ 0) cycles.</summary>
    public static RandomCircuit Generate(int qubits, int depth, int seed, EntanglingGate entangler = EntanglingGate.FSim)
    {
        if (qubits < 1)
        {
            throw new ArgumentException($"a random circuit needs at least 1 qubit, got {qubits}");
        }
        if (depth < 0)
        {
            throw new ArgumentException($"a random circuit's depth (cycles) must be at least 0, got {depth}");
        }
        var grid = QubitGrid.NearSquare(qubits);
        var random = new Random(seed);
        var previous = new int[qubits];
        Array.Fill(previous, -1);  // -1: no single-qubit gate yet
        var gates = new List<Gate>();
        for (int cycle = 0; cycle < depth; cycle++)
        {
            AddSingleQubitLayer(random, previous, gates);
            foreach (var (a, b) in grid.Couplers(PatternOf(cycle)))
            {
                gates.Add(entangler == EntanglingGate.FSim
                    ? new Gate("fSim", [a, b], GateMatrices.SycamoreFSim())
                    : new Gate("CZ", [a, b], GateMatrices.Cz()));
            }
        }
        AddSingleQubitLayer(random, previous, gates);
        return new RandomCircuit(grid, depth, seed, entangler, new QuantumCircuit(qubits, gates));
    }

    /// <summary>One of √X, √Y, √W per qubit: uniform over the three at first, then uniform over the two that differ from the qubit's previous one.</summary>
    private static void AddSingleQubitLayer(Random random, int[] previous, List<Gate> gates)
    {
        for (int q = 0; q < previous.Length; q++)
        {
            int choice = previous[q] < 0 ? random.Next(3) : (previous[q] + 1 + random.Next(2)) % 3;
            previous[q] = choice;
            var matrix = choice switch
            {
                0 => GateMatrices.SqrtX(),
                1 => GateMatrices.SqrtY(),
                _ => GateMatrices.SqrtW(),
            };
            gates.Add(new Gate(SingleQubitNames[choice], [q], matrix));
        }
    }
}

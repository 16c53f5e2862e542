using Qec.TensorNetwork.Amplitudes;

namespace Qec.TensorNetwork.Tests.Amplitudes;

/// <summary>
/// The generator follows its rules, checked from the gate list alone with the grid and the patterns
/// recomputed here from their definitions: a single-qubit gate from {√X, √Y, √W} on every qubit each
/// cycle, never the one the qubit had the cycle before; then two-qubit gates on the couplers of pattern
/// ABCDCDAB[cycle mod 8] between grid neighbours; a closing single-qubit layer; the same seed, the same circuit.
/// </summary>
public class RandomCircuitTests
{
    [Theory]
    [InlineData(12, 8, 1, EntanglingGate.FSim)]
    [InlineData(10, 20, 2, EntanglingGate.Cz)]
    [InlineData(7, 9, 3, EntanglingGate.FSim)]
    [InlineData(2, 5, 4, EntanglingGate.FSim)]
    [InlineData(1, 3, 5, EntanglingGate.Cz)]
    [InlineData(16, 0, 6, EntanglingGate.FSim)]
    public void Circuits_follow_the_cycle_rules(int qubits, int depth, int seed, EntanglingGate entangler)
    {
        var gates = RandomCircuit.Generate(qubits, depth, seed, entangler).Circuit.Gates;
        string twoQubitName = entangler == EntanglingGate.FSim ? "fSim" : "CZ";
        var previous = new string?[qubits];
        int g = 0;
        for (int cycle = 0; cycle <= depth; cycle++)  // cycle == depth: the closing single-qubit layer
        {
            for (int q = 0; q < qubits; q++, g++)
            {
                Assert.Equal([q], gates[g].Qubits);
                Assert.Contains(gates[g].Name, new[] { "√X", "√Y", "√W" });
                Assert.NotEqual(previous[q], gates[g].Name);
                previous[q] = gates[g].Name;
            }
            if (cycle == depth)
            {
                break;
            }
            var pairs = new List<(int, int)>();
            for (; g < gates.Count && gates[g].Qubits.Count == 2; g++)
            {
                Assert.Equal(twoQubitName, gates[g].Name);
                pairs.Add((gates[g].Qubits[0], gates[g].Qubits[1]));
            }
            Assert.All(pairs, p => Assert.True(Neighbours(qubits, p.Item1, p.Item2), $"cycle {cycle}: {p} are not grid neighbours"));
            Assert.Equal(pairs.Count * 2, pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().Count());
            Assert.Equal(ExpectedCouplers(qubits, "ABCDCDAB"[cycle % 8]), pairs.ToHashSet());
        }
        Assert.Equal(gates.Count, g);
    }

    [Fact]
    public void The_same_seed_gives_the_same_circuit_and_another_seed_another()
    {
        var a = RandomCircuit.Generate(12, 8, 42).Circuit.Gates;
        var b = RandomCircuit.Generate(12, 8, 42).Circuit.Gates;
        var c = RandomCircuit.Generate(12, 8, 43).Circuit.Gates;
        Assert.Equal(a.Count, b.Count);
        for (int g = 0; g < a.Count; g++)
        {
            Assert.Equal(a[g].Name, b[g].Name);
            Assert.Equal(a[g].Qubits, b[g].Qubits);
            Assert.Equal(a[g].Matrix, b[g].Matrix);
        }
        Assert.NotEqual(a.Select(x => x.Name), c.Select(x => x.Name));
    }

    [Fact]
    public void Seed_1_draws_these_first_gates()
    {
        // Pins the draw order (a change to it changes every amplitude the CLI prints for a seed).
        var names = RandomCircuit.Generate(4, 1, 1).Circuit.Gates.Select(g => g.ToString());
        Assert.Equal("√X(0) √X(1) √Y(2) √W(3) fSim(0, 2) fSim(1, 3) √W(0) √Y(1) √W(2) √Y(3)", string.Join(' ', names));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(8, 3, 3)]
    [InlineData(10, 3, 4)]
    [InlineData(12, 3, 4)]
    [InlineData(53, 7, 8)]
    public void Grids_are_near_square(int qubits, int rows, int columns)
    {
        var grid = QubitGrid.NearSquare(qubits);
        Assert.Equal((rows, columns), (grid.Rows, grid.Columns));
    }

    [Theory]
    [InlineData(12, 17)]  // 3×4: 3·3 horizontal + 2·4 vertical
    [InlineData(10, 13)]  // 3×4 with two qubits in the last row: 3 + 3 + 1 horizontal, 4 + 2 vertical
    public void The_four_patterns_hold_every_coupler_once(int qubits, int couplers)
    {
        var grid = QubitGrid.NearSquare(qubits);
        var all = Enum.GetValues<CouplerPattern>().SelectMany(grid.Couplers).ToList();
        Assert.Equal(couplers, all.Count);
        Assert.Equal(couplers, all.Distinct().Count());
        Assert.All(all, p => Assert.True(Neighbours(qubits, p.A, p.B)));
    }

    [Fact]
    public void Bad_sizes_are_refused_by_name()
    {
        Assert.Equal("a random circuit needs at least 1 qubit, got 0", Assert.Throws<ArgumentException>(() => RandomCircuit.Generate(0, 3, 1)).Message);
        Assert.Equal("a random circuit's depth (cycles) must be at least 0, got -1", Assert.Throws<ArgumentException>(() => RandomCircuit.Generate(4, -1, 1)).Message);
    }

    /// <summary>Columns = ⌈√n⌉, qubit q at (q / columns, q mod columns).</summary>
    private static (int Row, int Column) Position(int qubits, int q)
    {
        int columns = (int)Math.Ceiling(Math.Sqrt(qubits));
        return (q / columns, q % columns);
    }

    private static bool Neighbours(int qubits, int a, int b)
    {
        var (ra, ca) = Position(qubits, a);
        var (rb, cb) = Position(qubits, b);
        return Math.Abs(ra - rb) + Math.Abs(ca - cb) == 1;
    }

    /// <summary>A, B: vertical pairs with the upper qubit in an even / odd row; C, D: horizontal pairs with the left qubit in an even / odd column.</summary>
    private static HashSet<(int, int)> ExpectedCouplers(int qubits, char pattern)
    {
        var set = new HashSet<(int, int)>();
        for (int a = 0; a < qubits; a++)
        {
            for (int b = a + 1; b < qubits; b++)
            {
                var (ra, ca) = Position(qubits, a);
                var (rb, cb) = Position(qubits, b);
                bool vertical = ca == cb && rb == ra + 1, horizontal = ra == rb && cb == ca + 1;
                bool wanted = pattern switch
                {
                    'A' => vertical && ra % 2 == 0,
                    'B' => vertical && ra % 2 == 1,
                    'C' => horizontal && ca % 2 == 0,
                    _ => horizontal && ca % 2 == 1,
                };
                if (wanted)
                {
                    set.Add((a, b));
                }
            }
        }
        return set;
    }
}

using System.Globalization;
using System.Text;
using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Core.Dem;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>
/// The analyzer against the forward Pauli-frame oracle on random small circuits that use every
/// supported gate and channel. Determinism by construction: each qubit is reset in a random basis,
/// a random Clifford sequence U is followed by U⁻¹, and the qubit is measured in its reset basis, so
/// every measurement (and the detectors on them) is deterministic while noise in between is not.
/// </summary>
public sealed class RandomCircuitOracleTests
{
    private static readonly string[] OneQubit = ["H", "S", "SQRT_X", "C_XYZ"];
    private static readonly string[] TwoQubit = ["CX", "CY", "CZ", "SWAP", "CNOT", "ZCX"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void AnalyzerMatchesForwardPauliFrames(int seed)
    {
        string text = RandomCircuit(new Random(seed), qubits: 6, layers: 12);
        var circuit = Circuit.Parse(text);
        var expected = PauliFrameOracle.Mechanisms(circuit);
        var actual = new Dictionary<string, double>();
        foreach (var instruction in ErrorAnalyzer.Analyze(circuit).Instructions)
        {
            if (instruction is DemError e)
            {
                string key = string.Join(" ", e.Targets.Select(t => t.ToString()));
                Assert.False(actual.ContainsKey(key), $"symptoms {key} listed twice");
                actual[key] = e.Probability;
            }
        }
        Assert.True(expected.Count >= 5, $"too few mechanisms ({expected.Count}) for a meaningful test:\n{text}");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, p) in expected)
        {
            // Merge order differs (forward vs backward): equal to rounding.
            Assert.True(Math.Abs(p - actual[key]) <= 1e-14 * p, $"{key}: oracle {p:R} vs analyzer {actual[key]:R}\n{text}");
        }
    }

    /// <summary>A random deterministic memory-like circuit using all supported instructions.</summary>
    internal static string RandomCircuit(Random rng, int qubits, int layers)
    {
        var s = new StringBuilder();
        var basis = new char[qubits];
        s.Append("QUBIT_COORDS(0, 1) 0\n");
        for (int q = 0; q < qubits; q++)
        {
            basis[q] = "ZXY"[rng.Next(3)];
            s.Append(basis[q] switch { 'Z' => "R", 'X' => "RX", _ => "RY" }).Append(' ').Append(q).Append('\n');
        }
        s.Append("REPEAT 2 {\n");
        var gates = new List<string>();
        for (int l = 0; l < layers; l++)
        {
            if (rng.Next(2) == 0)
            {
                int a = rng.Next(qubits), b = (a + 1 + rng.Next(qubits - 1)) % qubits;
                gates.Add($"{TwoQubit[rng.Next(TwoQubit.Length)]} {a} {b}");
            }
            else
            {
                gates.Add($"{OneQubit[rng.Next(OneQubit.Length)]} {rng.Next(qubits)}");
            }
        }
        foreach (string g in gates)
        {
            s.Append("    ").Append(g).Append('\n').Append("    ").Append(RandomNoise(rng, qubits)).Append('\n');
        }
        s.Append("    TICK\n");
        for (int i = gates.Count - 1; i >= 0; i--)
        {
            // Inverses: order-2 gates are their own; S, SQRT_X have order 4 and C_XYZ order 3.
            string name = gates[i].Split(' ')[0];
            int reps = name switch { "S" or "SQRT_X" => 3, "C_XYZ" => 2, _ => 1 };
            for (int r = 0; r < reps; r++)
            {
                s.Append("    ").Append(gates[i]).Append('\n');
            }
            if (rng.Next(2) == 0)
            {
                s.Append("    ").Append(RandomNoise(rng, qubits)).Append('\n');
            }
        }
        s.Append("}\n");
        for (int q = 0; q < qubits; q++)
        {
            string m = basis[q] switch { 'Z' => "M", 'X' => "MX", _ => "MY" };
            if (basis[q] != 'Y' && rng.Next(2) == 0)
            {
                m = basis[q] == 'Z' ? "MR" : "MRX";
            }
            s.Append(m).Append("(0.0").Append(1 + q).Append(") ").Append(q).Append('\n');
            s.Append("DETECTOR(").Append(q).Append(", 0) rec[-1]\n");
        }
        s.Append("SHIFT_COORDS(0, 1)\n");
        s.Append("DETECTOR rec[-1] rec[-2]\n");
        s.Append("OBSERVABLE_INCLUDE(0) rec[-3]\n");
        s.Append("OBSERVABLE_INCLUDE(1) rec[-1] rec[-4]\n");
        return s.ToString();
    }

    private static string RandomNoise(Random rng, int qubits)
    {
        double p = Math.Round(0.001 + 0.05 * rng.NextDouble(), 4);
        string P(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        int a = rng.Next(qubits), b = (a + 1 + rng.Next(qubits - 1)) % qubits;
        return rng.Next(6) switch
        {
            0 => $"X_ERROR({P(p)}) {a}",
            1 => $"Y_ERROR({P(p)}) {a} {b}",
            2 => $"Z_ERROR({P(p)}) {a}",
            3 => $"DEPOLARIZE1({P(p)}) {a} {b}",
            4 => $"DEPOLARIZE2({P(p)}) {a} {b}",
            _ => $"PAULI_CHANNEL_1({P(p)}, {P(p / 2)}, {P(p / 3)}) {a}",
        };
    }
}

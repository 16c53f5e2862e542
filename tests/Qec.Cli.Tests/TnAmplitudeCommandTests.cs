using System.Globalization;
using System.Numerics;
using Qec.TensorNetwork.Amplitudes;
using Qec.TensorNetwork.Contraction;

namespace Qec.Cli.Tests;

/// <summary><c>qecd tn amplitude</c>: what it prints at a fixed seed equals the library's amplitude; bad arguments are one line.</summary>
public sealed class TnAmplitudeCommandTests
{
    [Theory]
    [InlineData("fsim", "34 two-qubit fSim(π/2, π/6)", 0.012353611940088292, 0.01559448449353675)]
    [InlineData("cz", "34 two-qubit CZ", 0.0026542080098088867, -0.004185604725850225)]
    public void A_fixed_seed_prints_the_library_amplitude(string gate, string twoQubit, double goldenReal, double goldenImaginary)
    {
        const string x = "010101010101";
        var (code, output, error) = CliRunner.Run("tn", "amplitude", "--qubits", "12", "--depth", "8", "--seed", "1", "--bitstring", x, "--gate", gate);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("circuit:    12 qubits on a 3×4 grid, depth 8 (cycles on couplers ABCDCDAB, then a closing single-qubit layer), seed 1\n", output, StringComparison.Ordinal);
        Assert.Contains("gates:      108 single-qubit (√X ", output, StringComparison.Ordinal);
        Assert.Contains(twoQubit, output, StringComparison.Ordinal);
        Assert.Contains("\ncost:       2^", output, StringComparison.Ordinal);

        var entangler = gate == "cz" ? EntanglingGate.Cz : EntanglingGate.FSim;
        var library = new CircuitAmplitude(RandomCircuit.Generate(12, 8, 1, entangler).Circuit, ContractionLimits.Default);
        var expected = library.Of(x);
        var printed = Printed(output);
        Assert.Equal(expected, printed);  // round-trip formatting: exactly the library's number
        Assert.Contains($"cost:       {library.Cost}\n", output, StringComparison.Ordinal);
        // Golden values from the first run (the state-vector tests check the library itself); 1e-12 allows another contraction order.
        Assert.Equal(goldenReal, printed.Real, 1e-12);
        Assert.Equal(goldenImaginary, printed.Imaginary, 1e-12);
    }

    [Theory]
    [InlineData("0101", "qecd: bitstring '0101' has 4 characters; the circuit has 12 qubits\n")]
    [InlineData("01010101010x", "qecd: bitstring '01010101010x' has 'x' at position 11; only 0 and 1 are allowed\n")]
    public void A_bad_bitstring_is_one_clear_line(string bitstring, string message)
    {
        var (code, output, error) = CliRunner.Run("tn", "amplitude", "--qubits", "12", "--depth", "8", "--bitstring", bitstring);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("0", "3", "qecd: a random circuit needs at least 1 qubit, got 0\n")]
    [InlineData("4", "-1", "qecd: a random circuit's depth (cycles) must be at least 0, got -1\n")]
    [InlineData("5000", "1", "qecd: --qubits 5000 --depth 1 is 10000 qubit-layers (qubits × (depth + 1)); tn amplitude plans at most 4096 (the greedy planner's time grows as the square of the network)\n")]
    public void Bad_sizes_are_one_clear_line(string qubits, string depth, string message)
    {
        var (code, output, error) = CliRunner.Run("tn", "amplitude", "--qubits", qubits, "--depth", depth, "--bitstring", "0");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_network_over_the_limits_is_refused_with_its_cost()
    {
        var (code, _, error) = CliRunner.Run("tn", "amplitude", "--qubits", "30", "--depth", "14", "--bitstring", new string('0', 30));
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: the amplitude network of a 30-qubit circuit of ", error, StringComparison.Ordinal);
        Assert.Contains("contracting it needs 2^", error, StringComparison.Ordinal);
        Assert.EndsWith("the limit is 2^32 flops and 2^26 elements of workspace\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_gate_is_refused()
    {
        var (code, _, error) = CliRunner.Run("tn", "amplitude", "--qubits", "4", "--depth", "2", "--bitstring", "0000", "--gate", "iswap");
        Assert.Equal(1, code);
        Assert.Contains("iswap", error, StringComparison.Ordinal);
    }

    /// <summary>Parses "⟨x|C|0⟩:    real R, imaginary I".</summary>
    private static Complex Printed(string output)
    {
        string line = output.Split('\n').Single(l => l.StartsWith("⟨x|C|0⟩:", StringComparison.Ordinal));
        string[] parts = line["⟨x|C|0⟩:".Length..].Split(',', StringSplitOptions.TrimEntries);
        return new Complex(double.Parse(parts[0]["real ".Length..], CultureInfo.InvariantCulture),
                           double.Parse(parts[1]["imaginary ".Length..], CultureInfo.InvariantCulture));
    }
}

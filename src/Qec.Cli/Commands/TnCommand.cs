using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Qec.TensorNetwork.Amplitudes;
using Qec.TensorNetwork.Contraction;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd tn amplitude --qubits N --depth D --seed S --bitstring X [--gate fsim|cz]</c>: ⟨x|C|0⟩ of a seeded
/// Sycamore-style random circuit by tensor-network contraction, with the contraction's cost printed first.
/// </summary>
public static class TnCommand
{
    /// <summary>
    /// Largest qubits × (depth + 1) planned: ~2.5 tensors per qubit-layer, and greedy planning of 6,000 tensors
    /// takes ~10 s on one core (it rescans every pair each step), so this bounds planning at ~20 s.
    /// </summary>
    private const int MaxQubitLayers = 4096;

    /// <summary>Builds the <c>tn</c> command group.</summary>
    public static Command Create(CliConsole console) =>
        new("tn", "tensor-network contraction") { Amplitude(console) };

    private static Command Amplitude(CliConsole console)
    {
        var qubits = new Option<int>("--qubits", "-n") { Description = "qubits, on a near-square grid (⌈√n⌉ columns)", Required = true };
        var depth = new Option<int>("--depth", "-d") { Description = "cycles: a random √X/√Y/√W layer, then two-qubit gates on couplers ABCDCDAB", Required = true };
        var seed = new Option<int>("--seed") { Description = "seed of the random single-qubit gates", DefaultValueFactory = _ => 1 };
        var bitstring = new Option<string>("--bitstring", "-x") { Description = "the output x, one 0/1 per qubit, qubit 0 first", Required = true };
        var gate = new Option<string>("--gate") { Description = "two-qubit gate: fsim = fSim(π/2, π/6) as Sycamore, or cz", DefaultValueFactory = _ => "fsim" };
        gate.AcceptOnlyFromAmong("fsim", "cz");
        var command = new Command("amplitude", "⟨x|C|0⟩ of a random Sycamore-style circuit by contracting its tensor network") { qubits, depth, seed, bitstring, gate };
        command.SetAction(parse => console.Guard(() =>
        {
            string x = parse.GetValue(bitstring)!;
            int n = parse.GetValue(qubits), d = parse.GetValue(depth);
            if (n >= 1 && d >= 0 && (long)n * (d + 1) > MaxQubitLayers)
            {
                throw new ArgumentException($"--qubits {n} --depth {d} is {(long)n * (d + 1)} qubit-layers (qubits × (depth + 1)); " +
                                            $"tn amplitude plans at most {MaxQubitLayers} (the greedy planner's time grows as the square of the network)");
            }
            var entangler = parse.GetValue(gate) == "cz" ? EntanglingGate.Cz : EntanglingGate.FSim;
            var circuit = RandomCircuit.Generate(n, d, parse.GetValue(seed), entangler);
            CircuitAmplitude.ParseBitstring(x, circuit.Circuit.NumQubits);  // a bad bitstring fails before planning
            PrintCircuit(console.Out, circuit);
            var amplitude = new CircuitAmplitude(circuit.Circuit, ContractionLimits.Default);
            console.Out.WriteLine($"network:    {amplitude.Shape.Count} tensors, {amplitude.Shape.Dimensions.Count} indices of dimension 2");
            console.Out.WriteLine($"cost:       {amplitude.Cost}");
            PrintAmplitude(console.Out, x, amplitude.Of(x));
            return 0;
        }));
        return command;
    }

    private static void PrintCircuit(TextWriter output, RandomCircuit circuit)
    {
        var counts = circuit.Circuit.CountByName();
        string[] singleNames = ["√X", "√Y", "√W"];
        int single = singleNames.Sum(counts.GetValueOrDefault);
        string twoQubit = circuit.Entangler == EntanglingGate.FSim ? "fSim" : "CZ";
        output.WriteLine($"circuit:    {circuit.Circuit.NumQubits} qubit{(circuit.Circuit.NumQubits == 1 ? "" : "s")} on a {circuit.Grid} grid, depth {circuit.Depth} (cycles on couplers ABCDCDAB, then a closing single-qubit layer), seed {circuit.Seed}");
        output.WriteLine($"gates:      {single} single-qubit ({string.Join(", ", singleNames.Select(name => $"{name} {counts.GetValueOrDefault(name)}"))}), " +
                         $"{counts.GetValueOrDefault(twoQubit)} two-qubit {(circuit.Entangler == EntanglingGate.FSim ? "fSim(π/2, π/6)" : "CZ")}");
    }

    /// <summary>Real and imaginary parts round-trip ("R"), so a test can compare them to the library's exactly.</summary>
    private static void PrintAmplitude(TextWriter output, string x, Complex amplitude)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"bitstring:  {x}");
        output.WriteLine($"⟨x|C|0⟩:    real {amplitude.Real.ToString("R", invariant)}, imaginary {amplitude.Imaginary.ToString("R", invariant)}");
        output.WriteLine($"|⟨x|C|0⟩|²: {(amplitude.Magnitude * amplitude.Magnitude).ToString("R", invariant)}");
    }
}

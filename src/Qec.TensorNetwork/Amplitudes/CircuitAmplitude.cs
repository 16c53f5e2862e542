using System.Numerics;
using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// ⟨x|C|0…0⟩ of one circuit for any bitstring x, by contracting its tensor network (<see cref="CircuitTensors"/>)
/// closed with ⟨x_q| vectors. The network's shape does not depend on x, so it is planned once — its
/// <see cref="Cost"/> known and checked against the limits before anything is contracted — and every
/// bitstring reuses the plan and its workspace. Not thread-safe.
/// </summary>
public sealed class CircuitAmplitude
{
    private readonly PlanExecutor<Complex> _executor;
    private readonly Complex[][] _inputs;
    private readonly int _firstOutput;

    /// <summary>Plans the network of <paramref name="circuit"/>; throws <see cref="ArgumentException"/> with its cost when it is over <paramref name="limits"/>.</summary>
    public CircuitAmplitude(QuantumCircuit circuit, ContractionLimits limits)
    {
        var tensors = CircuitTensors.Build(circuit);
        var plan = tensors.Plan(closeOutputs: true, limits);
        Circuit = circuit;
        Shape = plan.Shape;
        Cost = plan.Cost;
        _executor = plan.CreateExecutor<Complex>();
        _firstOutput = tensors.Data.Count;
        _inputs = [.. tensors.Data, .. tensors.Outputs.Select(_ => CircuitTensors.Basis[0])];
    }

    /// <summary>The circuit.</summary>
    public QuantumCircuit Circuit { get; }

    /// <summary>The network: |0⟩ vectors, gate tensors, ⟨x_q| vectors.</summary>
    public NetworkShape Shape { get; }

    /// <summary>What one amplitude costs.</summary>
    public ContractionCost Cost { get; }

    /// <summary>⟨x|C|0…0⟩ for <paramref name="bitstring"/> (character q = x_q, qubit 0 first).</summary>
    public Complex Of(string bitstring)
    {
        var bits = ParseBitstring(bitstring, Circuit.NumQubits);
        for (int q = 0; q < bits.Length; q++)
        {
            _inputs[_firstOutput + q] = CircuitTensors.Basis[bits[q]];
        }
        var (values, logScale) = _executor.Contract(_inputs);
        return values[0] * Math.Exp(logScale);
    }

    /// <summary>The bits of <paramref name="bitstring"/>; throws <see cref="ArgumentException"/> naming a wrong length or the first character that is not 0 or 1.</summary>
    public static int[] ParseBitstring(string bitstring, int qubits)
    {
        ArgumentNullException.ThrowIfNull(bitstring);
        if (bitstring.Length != qubits)
        {
            throw new ArgumentException($"bitstring '{bitstring}' has {bitstring.Length} characters; the circuit has {qubits} qubits");
        }
        var bits = new int[qubits];
        for (int q = 0; q < qubits; q++)
        {
            bits[q] = bitstring[q] switch
            {
                '0' => 0,
                '1' => 1,
                char c => throw new ArgumentException($"bitstring '{bitstring}' has '{c}' at position {q}; only 0 and 1 are allowed"),
            };
        }
        return bits;
    }
}

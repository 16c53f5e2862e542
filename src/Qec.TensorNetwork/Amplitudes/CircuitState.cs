using System.Numerics;
using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// All 2^n amplitudes C|0…0⟩ of a small circuit at once: its tensor network (<see cref="CircuitTensors"/>) with
/// the output wires left open. The open result has 2^n elements, so the limits refuse it beyond ~26 qubits.
/// </summary>
public sealed class CircuitState
{
    private readonly ContractionPlan _plan;
    private readonly Complex[][] _inputs;

    /// <summary>Plans the network of <paramref name="circuit"/>; throws <see cref="ArgumentException"/> with its cost when it is over <paramref name="limits"/>.</summary>
    public CircuitState(QuantumCircuit circuit, ContractionLimits limits)
    {
        var tensors = CircuitTensors.Build(circuit);
        _plan = tensors.Plan(closeOutputs: false, limits);
        _inputs = [.. tensors.Data];
    }

    /// <summary>What the contraction costs.</summary>
    public ContractionCost Cost => _plan.Cost;

    /// <summary>
    /// The amplitudes: element k is ⟨x|C|0…0⟩ for the bitstring x that k spells in binary with qubit 0 the
    /// most significant bit (k = Σ_q x_q·2^{n−1−q}).
    /// </summary>
    public Complex[] Amplitudes()
    {
        var (values, logScale) = _plan.CreateExecutor<Complex>().Contract(_inputs);
        double scale = Math.Exp(logScale);
        var amplitudes = new Complex[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            amplitudes[k] = values[k] * scale;
        }
        return amplitudes;
    }
}

using System.Numerics;
using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// A circuit as a tensor network (Markov &amp; Shi, "Simulating quantum computation by contracting tensor
/// networks", SIAM J. Comput. 38, 963 (2008)): every label is one qubit's wire between two gates (dimension 2);
/// a |0⟩ vector starts each wire; a gate that mixes basis states is a tensor over [outputs…, inputs…] equal to
/// its matrix, and ends its qubits' wires and starts new ones; a diagonal gate (CZ) is a tensor over its
/// qubits' current wires alone, so those wires become hyperedges shared by several gates. A circuit of
/// single-qubit gates around diagonal layers is then a classical spin model — one spin per wire, complex
/// Boltzmann weights: CZ's (−1)^{x_a x_b} is e^{iπ(1 − s_a − s_b + s_a s_b)/4} with s = 1 − 2x, a coupling
/// iπ/4 (the "complex-coupling Ising model equals a circuit amplitude" correspondence).
/// </summary>
/// <param name="Circuit">The circuit.</param>
/// <param name="Indices">Labels of each tensor: the n |0⟩ vectors (qubit order), then one tensor per gate (circuit order).</param>
/// <param name="Data">Row-major entries of each tensor.</param>
/// <param name="Outputs">Label of each qubit's last wire.</param>
/// <param name="LabelCount">Labels 0 … LabelCount − 1 are in use.</param>
internal sealed record CircuitTensors(QuantumCircuit Circuit, List<int[]> Indices, List<Complex[]> Data, int[] Outputs, int LabelCount)
{
    /// <summary>⟨0| and ⟨1| (also |0⟩ and |1⟩): the vectors that close a wire.</summary>
    public static readonly Complex[][] Basis = [[1, 0], [0, 1]];

    public static CircuitTensors Build(QuantumCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var indices = new List<int[]>();
        var data = new List<Complex[]>();
        var wire = new int[circuit.NumQubits];  // invariant: wire[q] is the label of qubit q's wire at this point of the circuit
        int next = 0;
        for (int q = 0; q < wire.Length; q++)
        {
            wire[q] = next++;
            indices.Add([wire[q]]);
            data.Add(Basis[0]);
        }
        foreach (var gate in circuit.Gates)
        {
            int[] inputs = [.. gate.Qubits.Select(q => wire[q])];
            if (gate.IsDiagonal)
            {
                indices.Add(inputs);
                data.Add([.. Enumerable.Range(0, gate.Dimension).Select(k => gate.Matrix[k * gate.Dimension + k])]);
                continue;
            }
            int[] outputs = [.. inputs.Select(_ => next++)];
            indices.Add([.. outputs, .. inputs]);  // row-major over [outputs, inputs] = the matrix's [row, column]
            data.Add(gate.ToArray());
            for (int k = 0; k < outputs.Length; k++)
            {
                wire[gate.Qubits[k]] = outputs[k];
            }
        }
        return new CircuitTensors(circuit, indices, data, wire, next);
    }

    /// <summary>
    /// Plans the network with the outputs closed by ⟨x_q| vectors (appended after the gates, qubit order;
    /// their values change per bitstring) or left open (the result is over the outputs, qubit 0 first), and
    /// refuses one over <paramref name="limits"/> before building it.
    /// </summary>
    public ContractionPlan Plan(bool closeOutputs, ContractionLimits limits)
    {
        var indices = new List<int[]>(Indices);
        if (closeOutputs)
        {
            indices.AddRange(Outputs.Select(label => new[] { label }));
        }
        var dims = Enumerable.Range(0, LabelCount).ToDictionary(l => l, _ => 2);
        var shape = new NetworkShape(indices, dims, closeOutputs ? [] : Outputs);
        string what = $"the {(closeOutputs ? "amplitude" : "state")} network of a {Circuit.NumQubits}-qubit circuit of {Circuit.Gates.Count} gates ({indices.Count} tensors)";
        return ContractionPlan.Greedy(shape, limits, what);
    }
}

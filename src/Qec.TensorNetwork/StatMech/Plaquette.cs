namespace Qec.TensorNetwork.StatMech;

/// <summary>One stabilizer generator of a code on a lattice: its position and the data qubits it acts on (ascending).</summary>
/// <param name="X">Horizontal coordinate (Stim's layout: data qubits at odd coordinates).</param>
/// <param name="Y">Vertical coordinate.</param>
/// <param name="Qubits">Data qubit indices, ascending.</param>
public sealed record Plaquette(int X, int Y, int[] Qubits);

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>The two-qubit gate of a <see cref="RandomCircuit"/>.</summary>
public enum EntanglingGate
{
    /// <summary>fSim(θ = π/2, φ = π/6), Sycamore's gate (<see cref="GateMatrices.SycamoreFSim"/>).</summary>
    FSim,

    /// <summary>CZ (<see cref="GateMatrices.Cz"/>): diagonal, so its network is a complex-coupling Ising model.</summary>
    Cz,
}

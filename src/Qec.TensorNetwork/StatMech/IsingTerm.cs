namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// The energy term of one data qubit q in the random-bond Ising model of a coset: −K_q Π_{v ∈ Spins} σ_v with
/// K_q = η_q J_q. Two spins make a bond, one a field (a boundary qubit on one plaquette), none a constant (a
/// qubit no stabilizer touches); more than two appear only for codes whose qubits sit on more plaquettes.
/// </summary>
/// <param name="Qubit">The data qubit (error mechanism) whose probability this term carries.</param>
/// <param name="Spins">The spins (stabilizer generators) acting on the qubit, ascending.</param>
/// <param name="Coupling">K_q = η_q J_q: J_q = ½ ln((1 − p_q)/p_q) and η_q = −1 where the representative error flips q.</param>
public readonly record struct IsingTerm(int Qubit, int[] Spins, double Coupling)
{
    /// <summary>Whether K &lt; 0: the representative error flips the qubit (for p &lt; ½), so its bond prefers antiparallel spins.</summary>
    public bool IsAntiferromagnetic => Coupling < 0;
}

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// A circuit on <see cref="NumQubits"/> qubits that starts in |0…0⟩ and applies <see cref="Gates"/> in order
/// (the first gate acts first). Immutable.
/// </summary>
public sealed class QuantumCircuit
{
    /// <summary>Checks that every gate's qubits lie in 0 … <paramref name="numQubits"/> − 1.</summary>
    public QuantumCircuit(int numQubits, IEnumerable<Gate> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        if (numQubits < 1)
        {
            throw new ArgumentException($"a circuit needs at least one qubit, got {numQubits}");
        }
        var list = gates.ToList();
        for (int g = 0; g < list.Count; g++)
        {
            foreach (int q in list[g].Qubits)
            {
                if (q < 0 || q >= numQubits)
                {
                    throw new ArgumentException($"gate {g} ({list[g]}) acts on qubit {q}; the circuit has qubits 0 … {numQubits - 1}");
                }
            }
        }
        NumQubits = numQubits;
        Gates = list;
    }

    /// <summary>Qubits, numbered from 0; qubit 0 is the first character of a bitstring.</summary>
    public int NumQubits { get; }

    /// <summary>Gates in the order they act.</summary>
    public IReadOnlyList<Gate> Gates { get; }

    /// <summary>How many gates carry each name, by name (ordinal order).</summary>
    public SortedDictionary<string, int> CountByName()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var gate in Gates)
        {
            counts[gate.Name] = counts.GetValueOrDefault(gate.Name) + 1;
        }
        return counts;
    }
}

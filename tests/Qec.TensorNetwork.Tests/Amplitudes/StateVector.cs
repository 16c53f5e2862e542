using System.Numerics;
using Qec.TensorNetwork.Amplitudes;

namespace Qec.TensorNetwork.Tests.Amplitudes;

/// <summary>
/// The oracle: a plain state-vector simulator, independent of the tensor code. The state is 2^n amplitudes,
/// index k = Σ_q x_q·2^{n−1−q} (qubit 0 the most significant bit, as a bitstring read left to right); each
/// gate's matrix is applied to the amplitudes of the 2 or 4 basis states it mixes.
/// </summary>
internal static class StateVector
{
    public static Complex[] Run(QuantumCircuit circuit)
    {
        int n = circuit.NumQubits;
        var psi = new Complex[1 << n];
        psi[0] = 1;
        foreach (var gate in circuit.Gates)
        {
            int[] bits = [.. gate.Qubits.Select(q => 1 << (n - 1 - q))];
            int mask = bits.Aggregate(0, (m, b) => m | b);
            int dim = gate.Dimension;
            var offsets = new int[dim];  // offset of basis state r = 2·x_first + x_second (or x) from the base index
            for (int r = 0; r < dim; r++)
            {
                for (int k = 0; k < bits.Length; k++)
                {
                    offsets[r] |= ((r >> (bits.Length - 1 - k)) & 1) != 0 ? bits[k] : 0;
                }
            }
            var before = new Complex[dim];
            for (int i = 0; i < psi.Length; i++)
            {
                if ((i & mask) != 0)
                {
                    continue;  // visit each group of 2^k mixed states once, from its all-zero member
                }
                for (int c = 0; c < dim; c++)
                {
                    before[c] = psi[i | offsets[c]];
                }
                for (int r = 0; r < dim; r++)
                {
                    Complex sum = 0;
                    for (int c = 0; c < dim; c++)
                    {
                        sum += gate.Matrix[r * dim + c] * before[c];
                    }
                    psi[i | offsets[r]] = sum;
                }
            }
        }
        return psi;
    }

    /// <summary>The index of <paramref name="bitstring"/> in the state vector.</summary>
    public static int Index(string bitstring) => Convert.ToInt32(bitstring, 2);

    /// <summary>Bitstring of index <paramref name="k"/> on <paramref name="n"/> qubits.</summary>
    public static string Bitstring(int k, int n) => Convert.ToString(k, 2).PadLeft(n, '0');
}

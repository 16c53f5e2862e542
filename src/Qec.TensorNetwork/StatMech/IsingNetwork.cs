using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// The Ising partition function Z = Σ_σ Π_q e^{K_q Π_{v∋q} σ_v} as a tensor network: one binary label per spin
/// (value 0 ↔ σ = +1, 1 ↔ σ = −1) and one tensor per qubit term on r ≥ 1 spins, over those spins, with entries
/// e^{K τ − |K|} for τ = Π σ = (−1)^(number of labels at 1) — a matrix [[e^K, e^−K], [e^−K, e^K]]·e^{−|K|} for a
/// bond, a vector for a field; the e^{|K|} taken out keeps entries in (0, 1] for any p. A spin on no term
/// (a generator that acts on nothing) gets the vector [1, 1]: it doubles Z. A network with no spin term is one
/// rank-0 tensor [1]. Terms on no spin are constants, outside the network.
/// </summary>
internal static class IsingNetwork
{
    /// <summary>The shape, and per qubit the position of its tensor (−1 for a term on no spin).</summary>
    public static (NetworkShape Shape, int[] TensorOfQubit) Shape(int[][] spinsOfQubit, int numSpins)
    {
        var indices = new List<int[]>();
        var tensorOfQubit = new int[spinsOfQubit.Length];
        var covered = new bool[numSpins];
        for (int q = 0; q < spinsOfQubit.Length; q++)
        {
            if (spinsOfQubit[q].Length == 0)
            {
                tensorOfQubit[q] = -1;
                continue;
            }
            tensorOfQubit[q] = indices.Count;
            indices.Add(spinsOfQubit[q]);
            foreach (int v in spinsOfQubit[q])
            {
                covered[v] = true;
            }
        }
        for (int v = 0; v < numSpins; v++)
        {
            if (!covered[v])
            {
                indices.Add([v]);
            }
        }
        if (indices.Count == 0)
        {
            indices.Add([]);
        }
        var dims = Enumerable.Range(0, numSpins).ToDictionary(v => v, _ => 2);
        return (new NetworkShape(indices, dims, []), tensorOfQubit);
    }

    /// <summary>Fills <paramref name="values"/> with e^{K τ − |K|} over the term's spins (row-major, the last spin fastest).</summary>
    public static void Fill(double coupling, double[] values)
    {
        double aligned = Math.Exp(coupling - Math.Abs(coupling)), opposed = Math.Exp(-coupling - Math.Abs(coupling));
        for (int index = 0; index < values.Length; index++)
        {
            values[index] = (System.Numerics.BitOperations.PopCount((uint)index) & 1) == 0 ? aligned : opposed;
        }
    }

    /// <summary>The vector [1, 1] of a free spin, and the rank-0 tensor [1].</summary>
    public static double[] Ones(int length)
    {
        var values = new double[length];
        Array.Fill(values, 1.0);
        return values;
    }
}

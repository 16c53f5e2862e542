using Qec.Core.Graphs;
using Qec.TensorNetwork.StatMech;

namespace Qec.TensorNetwork.Tests.StatMech;

/// <summary>Brute force over all 2^N spin configurations, for the tests (N ≤ ~20).</summary>
internal static class SpinEnumeration
{
    /// <summary>
    /// ln Σ_S P(e·S) straight from the definition of a coset, no Ising model: for every subset S of the
    /// generators, the error e ⊕ (XOR of S's supports) and its probability Π_q p_q^x (1 − p_q)^(1−x).
    /// </summary>
    public static double LogCosetWeight(CheckMatrix matrix, IReadOnlyList<int[]> generators, IReadOnlyList<byte> representative)
    {
        int n = matrix.NumMechanisms;
        double weight = 0;
        for (long subset = 0; subset < 1L << generators.Count; subset++)
        {
            var error = representative.ToArray();
            for (int v = 0; v < generators.Count; v++)
            {
                if (((subset >> v) & 1) != 0)
                {
                    foreach (int q in generators[v])
                    {
                        error[q] ^= 1;
                    }
                }
            }
            double p = 1;
            for (int q = 0; q < n; q++)
            {
                p *= error[q] != 0 ? matrix.Priors[q] : 1 - matrix.Priors[q];
            }
            weight += p;
        }
        return Math.Log(weight);
    }

    /// <summary>ln Σ_σ e^{−H(σ)}, the lowest energy and how many configurations have it (within 1e-9).</summary>
    public static (double LogZ, double GroundEnergy, int Degeneracy) Spins(RandomBondIsingModel model)
    {
        int n = model.NumSpins;
        var energies = new double[1 << n];
        var spins = new int[n];
        for (int config = 0; config < energies.Length; config++)
        {
            for (int v = 0; v < n; v++)
            {
                spins[v] = ((config >> v) & 1) != 0 ? -1 : 1;
            }
            energies[config] = model.Energy(spins);
        }
        double ground = energies.Min();
        double sum = energies.Sum(e => Math.Exp(ground - e));
        return (Math.Log(sum) - ground, ground, energies.Count(e => e - ground < 1e-9));
    }

    /// <summary>Detectors' bits packed b8, detector c at bit c of <paramref name="bits"/>.</summary>
    public static byte[] Syndrome(long bits, int detectors)
    {
        var packed = new byte[(detectors + 7) >> 3];
        for (int c = 0; c < detectors; c++)
        {
            packed[c >> 3] |= (byte)(((bits >> c) & 1) << (c & 7));
        }
        return packed;
    }
}

using Qec.Core.Graphs;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// Exact class weights by brute force, independent of any tensor network: Z(c | s) = P(syndrome s,
/// observables c) for every (s, c) at once, indexed (s &lt;&lt; k) | c with bit d of s = detector d.
/// </summary>
internal static class CosetOracle
{
    /// <summary>Enumerates all 2^M outcomes of the M mechanisms (M ≤ 24).</summary>
    public static double[] ByEnumeration(CheckMatrix matrix)
    {
        int m = matrix.NumMechanisms, k = matrix.Observables.Rows;
        Assert.True(m <= 24, $"{m} mechanisms are too many to enumerate");
        var signatures = Signatures(matrix);
        var weights = new double[1 << (matrix.Detectors.Rows + k)];
        for (long e = 0; e < 1L << m; e++)
        {
            double w = 1;
            int signature = 0;
            for (int j = 0; j < m; j++)
            {
                bool on = ((e >> j) & 1) != 0;
                w *= on ? matrix.Priors[j] : 1 - matrix.Priors[j];
                signature ^= on ? signatures[j] : 0;
            }
            weights[signature] += w;
        }
        return weights;
    }

    /// <summary>
    /// The same by dynamic programming over mechanisms (an XOR convolution of two-point distributions):
    /// exact for any number of mechanisms while detectors + observables ≤ 24.
    /// </summary>
    public static double[] ByConvolution(CheckMatrix matrix)
    {
        int bits = matrix.Detectors.Rows + matrix.Observables.Rows;
        Assert.True(bits <= 24, $"{bits} detectors and observables are too many for a dense distribution");
        var weights = new double[1 << bits];
        var next = new double[weights.Length];
        weights[0] = 1;
        var signatures = Signatures(matrix);
        for (int j = 0; j < matrix.NumMechanisms; j++)
        {
            double p = matrix.Priors[j];
            for (int x = 0; x < weights.Length; x++)
            {
                next[x] = (1 - p) * weights[x] + p * weights[x ^ signatures[j]];
            }
            (weights, next) = (next, weights);
        }
        return weights;
    }

    /// <summary>Each mechanism as (detector bits &lt;&lt; k) | observable bits.</summary>
    public static int[] Signatures(CheckMatrix matrix)
    {
        int k = matrix.Observables.Rows;
        var signatures = new int[matrix.NumMechanisms];
        for (int j = 0; j < signatures.Length; j++)
        {
            foreach (int d in matrix.Detectors.ColumnEntries(j))
            {
                signatures[j] |= 1 << (d + k);
            }
            foreach (int o in matrix.Observables.ColumnEntries(j))
            {
                signatures[j] |= 1 << o;
            }
        }
        return signatures;
    }

    /// <summary>A syndrome (bit d = detector d) packed as Stim's b8.</summary>
    public static byte[] Pack(long syndrome, int numDetectors)
    {
        var packed = new byte[(numDetectors + 7) >> 3];
        for (int d = 0; d < numDetectors; d++)
        {
            if (((syndrome >> d) & 1) != 0)
            {
                packed[d >> 3] |= (byte)(1 << (d & 7));
            }
        }
        return packed;
    }

    /// <summary>ln of an oracle weight, −∞ for zero.</summary>
    public static double Log(double weight) => weight > 0 ? Math.Log(weight) : double.NegativeInfinity;
}

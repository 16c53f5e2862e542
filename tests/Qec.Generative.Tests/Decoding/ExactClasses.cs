using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.Generative.Tests.Decoding;

/// <summary>
/// The oracle: P(syndrome, logical class) of a small DEM, exactly, by folding in one independent mechanism at a time
/// (a convolution over the XOR group of (detector bits, observable bits); exact up to float rounding). Maximum-likelihood
/// decoding picks argmax_c P(s, c).
/// </summary>
internal sealed class ExactClasses
{
    public ExactClasses(DetectorErrorModel model)
    {
        var matrix = CheckMatrix.From(model);
        Detectors = matrix.Detectors.Rows;
        Observables = matrix.Observables.Rows;
        if (Detectors + Observables > 20) throw new ArgumentException("too large for the exact table");
        var p = new double[1 << (Detectors + Observables)];
        p[0] = 1;
        var next = new double[p.Length];
        for (int e = 0; e < matrix.NumMechanisms; e++)
        {
            int flip = 0;
            foreach (int d in matrix.Detectors.ColumnEntries(e)) flip ^= 1 << d;
            foreach (int o in matrix.Observables.ColumnEntries(e)) flip ^= 1 << (Detectors + o);
            double q = matrix.Priors[e];
            for (int x = 0; x < p.Length; x++) next[x] = (1 - q) * p[x] + q * p[x ^ flip];
            (p, next) = (next, p);
        }
        Joint = p;
    }

    public int Detectors { get; }

    public int Observables { get; }

    /// <summary>P(s, c) at index s | c &lt;&lt; Detectors.</summary>
    public double[] Joint { get; }

    public int Syndromes => 1 << Detectors;

    public double Probability(int syndrome, int cls) => Joint[syndrome | (cls << Detectors)];

    public double SyndromeProbability(int syndrome)
    {
        double sum = 0;
        for (int c = 0; c < 1 << Observables; c++) sum += Probability(syndrome, c);
        return sum;
    }

    public int MaximumLikelihood(int syndrome)
    {
        int best = 0;
        for (int c = 1; c < 1 << Observables; c++) best = Probability(syndrome, c) > Probability(syndrome, best) ? c : best;
        return best;
    }

    /// <summary>The syndrome as b8 bytes.</summary>
    public byte[] Pack(int syndrome)
    {
        var bytes = new byte[(Detectors + 7) >> 3];
        for (int d = 0; d < Detectors; d++) bytes[d >> 3] |= (byte)(((syndrome >> d) & 1) << (d & 7));
        return bytes;
    }
}

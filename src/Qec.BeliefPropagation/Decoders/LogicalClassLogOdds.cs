using Qec.BeliefPropagation.Graph;

namespace Qec.BeliefPropagation.Decoders;

/// <summary>
/// The soft output of the BP family: log-odds that the predicted logical class is right, from BP's
/// posterior marginals. Treating mechanisms as independent with flip probability q_v = 1/(1 + e^{L_v}),
/// observable k flips with probability (1 − Π_{v∈L_k} tanh(L_v/2))/2 (Gallager's lemma); treating
/// observables as independent, P(class) = Π_k P(observable k as predicted), and the result is
/// ln(P/(1 − P)), formed in the log domain and bounded by ±<see cref="Bound"/>.
/// </summary>
public static class LogicalClassLogOdds
{
    /// <summary>Largest magnitude reported (a class certain to double precision).</summary>
    public const double Bound = 700;

    /// <summary>Log-odds of the class <paramref name="predicted"/> (b8-packed observable flips) given the posteriors.</summary>
    public static double Compute(TannerGraph graph, ReadOnlySpan<double> posteriors, ReadOnlySpan<byte> predicted)
    {
        double logCorrect = 0;  // ln P(class), a sum of ln(1 − w_k)
        var l = graph.Matrix.Observables;
        for (int k = 0; k < graph.NumObservables; k++)
        {
            double product = 1;
            foreach (int v in l.RowEntries(k))
            {
                product *= Math.Tanh(0.5 * posteriors[v]);
            }
            bool flipped = ((predicted[k >> 3] >> (k & 7)) & 1) != 0;
            double wrong = 0.5 * (1 + (flipped ? product : -product));
            logCorrect += Math.Log(1 - Math.Min(wrong, 1 - 1e-300));
        }
        double logWrong = Math.Log(Math.Max(-double.ExpM1(logCorrect), 1e-300));
        return Math.Clamp(logCorrect - logWrong, -Bound, Bound);
    }
}

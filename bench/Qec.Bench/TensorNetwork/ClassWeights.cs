using System.Diagnostics;
using Qec.Core.Dem;
using Qec.Core.Decoding;
using Qec.TensorNetwork.Decoding;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// ln W(c | s) of every class c of some shots from one <c>tn</c> decoder (one thread), with the summed
/// discarded weight and the time per shot: what the χ tables compare.
/// </summary>
/// <param name="Logs">Shot s, class c at [s·2^k + c].</param>
/// <param name="Classes">2^k.</param>
/// <param name="Discarded">Discarded weight summed over shots (0 in exact mode).</param>
/// <param name="MicrosPerShot">Wall µs per shot after a warm-up.</param>
internal sealed record ClassWeights(double[] Logs, int Classes, double Discarded, double MicrosPerShot)
{
    /// <summary>Shots held.</summary>
    public int Shots => Logs.Length / Classes;

    /// <summary>The decision of shot <paramref name="s"/>: the class of largest weight (lowest index among equals, as the decoder).</summary>
    public int Best(int s)
    {
        int best = 0;
        for (int c = 1; c < Classes; c++)
        {
            best = Logs[s * Classes + c] > Logs[s * Classes + best] ? c : best;
        }
        return best;
    }

    /// <summary>
    /// True when another class's ln W is within 1e-9 of the likeliest's on shot <paramref name="s"/>: equal weights up to
    /// rounding (symmetric syndromes of the depolarizing code have exactly degenerate classes), so the decision is a coin flip.
    /// </summary>
    public bool IsTie(int s)
    {
        int best = Best(s);
        for (int c = 0; c < Classes; c++)
        {
            if (c != best && Math.Abs(Logs[s * Classes + c] - Logs[s * Classes + best]) < 1e-9)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>P(class 1 | s) = 1 / (1 + W0/W1) for one observable: the posterior that L0 flipped.</summary>
    public double Posterior(int s) => 1 / (1 + Math.Exp(Logs[s * Classes] - Logs[s * Classes + 1]));

    /// <summary>Decodes the first <paramref name="shots"/> shots of <paramref name="dets"/> with <c>tn</c> compiled from <paramref name="spec"/>.</summary>
    public static ClassWeights Of(string spec, DetectorErrorModel model, byte[] dets, int shots) =>
        Of((TnCompiledDecoder)DecoderSpecs.Compile(spec, model), dets, shots);

    /// <summary>Decodes the first <paramref name="shots"/> shots of <paramref name="dets"/>, after a warm-up on a few of them.</summary>
    public static ClassWeights Of(TnCompiledDecoder compiled, byte[] dets, int shots)
    {
        var decoder = compiled.CreateDecoder();
        int db = ((IDecoder)decoder).DetectorBytes, classes = 1 << decoder.NumObservables;
        var flips = new byte[((IDecoder)decoder).ObservableBytes];
        for (int s = 0; s < Math.Min(shots, 16); s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
        }
        var logs = new double[shots * classes];
        double discarded = 0;
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < shots; s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
            decoder.LogClassWeights.CopyTo(logs.AsSpan(s * classes, classes));
            discarded += decoder.LastDiscardedWeight;
        }
        return new ClassWeights(logs, classes, discarded, clock.Elapsed.TotalMicroseconds / shots);
    }

    /// <summary>
    /// How far these weights are from <paramref name="reference"/> on the same shots: the largest |Δ ln W| of
    /// the class the reference finds likelier and of the other classes (both −∞ counts as equal, one −∞ as ∞),
    /// the largest |ΔP(L0 flipped | s)|, the shots whose decision differs and those where a class was lost.
    /// </summary>
    public Distance DistanceTo(ClassWeights reference)
    {
        double likely = 0, other = 0, posterior = 0;
        int decisions = 0, ties = 0, lost = 0;
        for (int s = 0; s < Shots; s++)
        {
            int best = reference.Best(s);
            bool shotLost = false;
            for (int c = 0; c < Classes; c++)
            {
                double a = Logs[s * Classes + c], b = reference.Logs[s * Classes + c];
                double delta = double.IsNegativeInfinity(a) && double.IsNegativeInfinity(b) ? 0 : Math.Abs(a - b);
                (likely, other) = c == best ? (Math.Max(likely, delta), other) : (likely, Math.Max(other, delta));
                shotLost |= double.IsNegativeInfinity(a) && !double.IsNegativeInfinity(b);
            }
            posterior = Classes == 2 ? Math.Max(posterior, Math.Abs(Posterior(s) - reference.Posterior(s))) : double.NaN;
            decisions += Best(s) == best ? 0 : 1;
            ties += Best(s) != best && reference.IsTie(s) ? 1 : 0;
            lost += shotLost ? 1 : 0;
        }
        return new Distance(likely, other, posterior, decisions, ties, lost);
    }

    /// <summary>See <see cref="DistanceTo"/>.</summary>
    /// <param name="Likelier">Largest |Δ ln W| of the reference's likelier class.</param>
    /// <param name="Other">Largest |Δ ln W| of the other classes.</param>
    /// <param name="Posterior">Largest |ΔP(L0 flipped | s)| (one observable; NaN otherwise).</param>
    /// <param name="Decisions">Shots decided differently.</param>
    /// <param name="Ties">Of those, shots whose two likeliest reference classes tie (see <see cref="IsTie"/>): either decision is maximum likelihood.</param>
    /// <param name="Lost">Shots where some class of positive reference weight came out −∞ (its weight lost to truncation: ≤ 0).</param>
    public readonly record struct Distance(double Likelier, double Other, double Posterior, int Decisions, int Ties, int Lost);
}

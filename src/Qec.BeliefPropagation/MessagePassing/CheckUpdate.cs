namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// The check-node rules: from the variable-to-check messages of one check's edges to its
/// check-to-variable messages. A detection event on the check flips every outgoing sign (the check
/// asks for odd parity). Written against <see cref="IShotState"/> so the CPU decoders and the ILGPU
/// kernels run the same arithmetic in the same order (identical results, bit for bit).
/// </summary>
public static class CheckUpdate
{
    /// <summary>
    /// Magnitude a check sends when it has no other edge: the variable must explain the event alone.
    /// Large but finite, so that sums of such messages never overflow to infinity (ldpc uses
    /// α·DBL_MAX here, which can).
    /// </summary>
    public const double SoleEdgeMagnitude = 1e100;

    /// <summary>Largest |product of tanh| used by sum-product: keeps 2·atanh finite (≈ 37.4).</summary>
    public const double MaxTanhProduct = 1 - 1.0 / (1L << 53);

    /// <summary>
    /// Normalized min-sum (Chen &amp; Fossorier 2002; ldpc's rule): the message to edge e has the sign
    /// parity of the syndrome bit and the other edges' messages (a message ≤ 0 counts as negative), and
    /// magnitude α · min over the other edges of |message|.
    /// </summary>
    public static void MinSum<TState>(ref TState state, int check, int begin, int end, double alpha)
        where TState : struct, IShotState
    {
        bool parity = state.Syndrome(check);
        double min1 = SoleEdgeMagnitude, min2 = SoleEdgeMagnitude;
        int argMin = -1;
        for (int e = begin; e < end; e++)
        {
            double m = state.VariableToCheck(e);
            parity ^= m <= 0;
            double a = m < 0 ? -m : m;
            if (a < min1)
            {
                min2 = min1;
                min1 = a;
                argMin = e;
            }
            else if (a < min2)
            {
                min2 = a;
            }
        }
        double out1 = alpha * min1, out2 = alpha * min2;
        for (int e = begin; e < end; e++)
        {
            bool negative = parity ^ (state.VariableToCheck(e) <= 0);
            double magnitude = e == argMin ? out2 : out1;
            state.SetCheckToVariable(e, negative ? -magnitude : magnitude);
        }
    }

    /// <summary>
    /// Sum-product (Gallager; Kschischang, Frey &amp; Loeliger 2001, eq. 11 in the log domain): the
    /// message to edge e is ±2·atanh(Π over the other edges of tanh(m/2)), the product formed by a
    /// forward and a backward pass (no division, so zero messages are exact), clamped to
    /// <see cref="MaxTanhProduct"/> before the atanh.
    /// </summary>
    public static void SumProduct<TState>(ref TState state, int check, int begin, int end)
        where TState : struct, IShotState
    {
        double sign = state.Syndrome(check) ? -1.0 : 1.0;
        double product = 1.0;
        for (int e = begin; e < end; e++)
        {
            state.SetCheckToVariable(e, product);
            product *= Math.Tanh(0.5 * state.VariableToCheck(e));
        }
        product = 1.0;
        for (int e = end - 1; e >= begin; e--)
        {
            double x = state.CheckToVariable(e) * product;
            x = x > MaxTanhProduct ? MaxTanhProduct : x < -MaxTanhProduct ? -MaxTanhProduct : x;
            state.SetCheckToVariable(e, sign * Math.Log((1 + x) / (1 - x)));
            product *= Math.Tanh(0.5 * state.VariableToCheck(e));
        }
    }
}

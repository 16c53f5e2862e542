using Qec.Gpu;

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
    /// Normalized min-sum in compressed form (Chen &amp; Fossorier 2002; ldpc's rule): every message a
    /// check sends has magnitude α·min1 except the one to the edge that brought min1, which gets α·min2,
    /// and sign = (syndrome bit XOR parity of the negative inputs) XOR (its own input ≤ 0). So the check
    /// stores only a <see cref="CheckSummary"/>, and the variable update expands it. A
    /// message ≤ 0 counts as negative, as in ldpc.
    /// </summary>
    public static void MinSumSummary<TGraph, TState>(ref TGraph graph, ref TState state, int check, double alpha)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        bool parity = state.Syndrome(check);
        double min1 = SoleEdgeMagnitude, min2 = SoleEdgeMagnitude;
        int argMin = -1;
        for (int i = graph.RowStart(check), end = graph.RowStart(check + 1); i < end; i++)
        {
            int e = graph.RowEdge(i);
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
        state.SetSummary(check, new CheckSummary(DeviceMath.Multiply(alpha, min1), DeviceMath.Multiply(alpha, min2), argMin, parity));
    }

    /// <summary>
    /// Min-sum with one stored message per edge (the layered schedule needs each check's last message
    /// to subtract it): the same values <see cref="MinSumSummary"/> gives.
    /// </summary>
    public static void MinSum<TGraph, TState>(ref TGraph graph, ref TState state, int check, double alpha)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        MinSumSummary(ref graph, ref state, check, alpha);
        var summary = state.Summary(check);
        for (int i = graph.RowStart(check), end = graph.RowStart(check + 1); i < end; i++)
        {
            int e = graph.RowEdge(i);
            state.SetCheckToVariable(e, summary.MessageTo(e, state.VariableToCheck(e) <= 0));
        }
    }

    /// <summary>
    /// Sum-product (Gallager; Kschischang, Frey &amp; Loeliger 2001, eq. 11 in the log domain): the
    /// message to edge e is ±2·atanh(Π over the other edges of tanh(m/2)), the product formed by a
    /// forward and a backward pass (no division, so zero messages are exact), clamped to
    /// <see cref="MaxTanhProduct"/> before the atanh.
    /// </summary>
    public static void SumProduct<TGraph, TState>(ref TGraph graph, ref TState state, int check)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        double sign = state.Syndrome(check) ? -1.0 : 1.0;
        double product = 1.0;
        int begin = graph.RowStart(check), end = graph.RowStart(check + 1);
        for (int i = begin; i < end; i++)
        {
            int e = graph.RowEdge(i);
            state.SetCheckToVariable(e, product);
            product = DeviceMath.Multiply(product, Math.Tanh(DeviceMath.Multiply(0.5, state.VariableToCheck(e))));
        }
        product = 1.0;
        for (int i = end - 1; i >= begin; i--)
        {
            int e = graph.RowEdge(i);
            double x = DeviceMath.Multiply(state.CheckToVariable(e), product);
            x = x > MaxTanhProduct ? MaxTanhProduct : x < -MaxTanhProduct ? -MaxTanhProduct : x;
            state.SetCheckToVariable(e, DeviceMath.Multiply(sign, Math.Log((1 + x) / (1 - x))));
            product = DeviceMath.Multiply(product, Math.Tanh(DeviceMath.Multiply(0.5, state.VariableToCheck(e))));
        }
    }
}

using Qec.StatMech.Models;

namespace Qec.StatMech.MeanField;

/// <summary>
/// Loopy belief propagation on the coupling graph in cavity-field form (Mézard &amp; Montanari 2009, sec. 14.1–14.2):
/// u_{j→i} = atanh(tanh βJ_ij · tanh H_{j\i}), H_{j\i} = βh_j + Σ_{k∈∂j\i} u_{k→j}, iterated node by node with damping.
/// At the fixed point the Bethe free energy (ibid. eq. 14.27, specialised to pairwise factors and fields) is
/// ln Z_Bethe = Σ_(ij) ln[¼ Σ_{s,s'} e^{βJ_ij ss' + H_{i\j}s + H_{j\i}s'} / (cosh H_{i\j} cosh H_{j\i})]
///            + Σ_i [(1 − d_i) ln 2cosh H_i + Σ_{j∈∂i} ln 2cosh H_{i\j}],
/// m_i = tanh H_i with H_i = βh_i + Σ_j u_{j→i}, and edge correlations from the pair belief. Exact on trees.
/// A coupling listed twice is two parallel edges, each with its own messages.
/// </summary>
public static class BeliefPropagation
{
    /// <summary>The BP fixed point at β with the largest ln Z among the converged starts (messages start at small random values).</summary>
    public static MeanFieldResult Solve(IsingModel model, double beta, MeanFieldOptions? options = null)
    {
        MeanFieldMath.CheckBeta(beta);
        options ??= MeanFieldOptions.Default;
        options.Validate();
        var graph = new EdgeSlots(model);
        var random = new Random(options.Seed);
        MeanFieldResult? best = null;
        var totalIterations = 0;
        for (var start = 0; start <= options.Restarts; start++)
        {
            // u[k]: the message into the owner of slot k from the neighbour named there.
            // Every start is perturbed (±10⁻³ first, then ±0.2) so that a fixed point unstable under the iteration,
            // such as the zero-field paramagnet u = 0 at low temperature, is left rather than kept.
            var u = new double[graph.SlotCount];
            var spread = start == 0 ? 1e-3 : 0.2;
            for (var k = 0; k < u.Length; k++) u[k] = spread * (2 * random.NextDouble() - 1);
            var (iterations, residual) = Iterate(model, graph, beta, u, options);
            totalIterations += iterations;
            var candidate = Evaluate(model, graph, beta, u, iterations, residual < options.Tolerance, residual);
            if (best is null || (candidate.Converged != best.Converged ? candidate.Converged : candidate.LogPartition > best.LogPartition + 1e-12))
                best = candidate;
        }
        return best! with { Iterations = totalIterations };
    }

    private static (int Iterations, double Residual) Iterate(IsingModel model, EdgeSlots graph, double beta, double[] u,
        MeanFieldOptions options)
    {
        var residual = double.PositiveInfinity;
        for (var sweep = 1; sweep <= options.MaxIterations; sweep++)
        {
            residual = 0;
            for (var j = 0; j < model.Size; j++)
            {
                var total = graph.TotalField(j, beta * model.Fields[j], u);
                var couplings = model.CouplingsOf(j);
                for (var k = graph.Start[j]; k < graph.Start[j + 1]; k++)
                {
                    // Slot k of row j holds u_{i→j}; the message j sends back lives at the reverse slot.
                    var cavity = total - u[k];
                    var message = CavityMessage(beta * couplings[k - graph.Start[j]], cavity);
                    var outgoing = graph.Reverse[k];
                    var next = (1 - options.Damping) * message + options.Damping * u[outgoing];
                    residual = Math.Max(residual, Math.Abs(next - u[outgoing]));
                    u[outgoing] = next;
                }
            }
            if (residual < options.Tolerance) return (sweep, residual);
        }
        return (options.MaxIterations, residual);
    }

    /// <summary>atanh(tanh K · tanh H) written as ½[ln cosh(H + K) − ln cosh(H − K)], finite for any K and H.</summary>
    internal static double CavityMessage(double k, double h) => 0.5 * (MeanFieldMath.LogCosh(h + k) - MeanFieldMath.LogCosh(h - k));

    private static MeanFieldResult Evaluate(IsingModel model, EdgeSlots graph, double beta, double[] u, int iterations, bool converged,
        double residual)
    {
        var n = model.Size;
        var total = new double[n];
        var magnetizations = new double[n];
        var logZ = 0.0;
        for (var i = 0; i < n; i++)
        {
            total[i] = graph.TotalField(i, beta * model.Fields[i], u);
            magnetizations[i] = Math.Tanh(total[i]);
            var degree = graph.Start[i + 1] - graph.Start[i];
            logZ += (1 - degree) * (Math.Log(2) + MeanFieldMath.LogCosh(total[i]));
            for (var k = graph.Start[i]; k < graph.Start[i + 1]; k++) logZ += Math.Log(2) + MeanFieldMath.LogCosh(total[i] - u[k]);
        }
        var couplingsList = model.Couplings;
        var correlations = new double[couplingsList.Length];
        for (var e = 0; e < couplingsList.Length; e++)
        {
            var (i, j, strength) = couplingsList[e];
            var (slotI, slotJ) = graph.SlotsOf[e];
            double k = beta * strength, hi = total[i] - u[slotI], hj = total[j] - u[slotJ];
            // The four pair weights e^{K s s' + h_i s + h_j s'}, shifted by their largest exponent.
            double aa = k + hi + hj, ab = -k + hi - hj, ba = -k - hi + hj, bb = k - hi - hj;
            var top = Math.Max(Math.Max(aa, ab), Math.Max(ba, bb));
            double waa = Math.Exp(aa - top), wab = Math.Exp(ab - top), wba = Math.Exp(ba - top), wbb = Math.Exp(bb - top);
            var sum = waa + wab + wba + wbb;
            correlations[e] = (waa + wbb - wab - wba) / sum;
            logZ += top + Math.Log(sum) - Math.Log(4) - MeanFieldMath.LogCosh(hi) - MeanFieldMath.LogCosh(hj);
        }
        return new MeanFieldResult("Bethe", beta, logZ, magnetizations, iterations, converged, residual, correlations);
    }

    /// <summary>The model's neighbour lists as directed-edge slots: row i's slot k names neighbour j and holds u_{j→i};
    /// Reverse[k] is the slot of row j that holds u_{i→j} for the same coupling.</summary>
    private sealed class EdgeSlots
    {
        public EdgeSlots(IsingModel model)
        {
            var n = model.Size;
            Start = new int[n + 1];
            for (var i = 0; i < n; i++) Start[i + 1] = Start[i] + model.NeighborsOf(i).Length;
            Reverse = new int[Start[n]];
            var couplings = model.Couplings;
            SlotsOf = new (int, int)[couplings.Length];
            // IsingModel fills each row in coupling order, so replaying that order finds each coupling's two slots.
            var fill = Start[..n];
            for (var e = 0; e < couplings.Length; e++)
            {
                var (i, j, _) = couplings[e];
                int slotI = fill[i]++, slotJ = fill[j]++;
                SlotsOf[e] = (slotI, slotJ);
                Reverse[slotI] = slotJ;
                Reverse[slotJ] = slotI;
            }
        }

        public int[] Start { get; }

        public int[] Reverse { get; }

        public (int SlotI, int SlotJ)[] SlotsOf { get; }

        public int SlotCount => Reverse.Length;

        /// <summary>H_i = βh_i + Σ_j u_{j→i}.</summary>
        public double TotalField(int i, double betaField, double[] u)
        {
            var sum = betaField;
            for (var k = Start[i]; k < Start[i + 1]; k++) sum += u[k];
            return sum;
        }
    }
}

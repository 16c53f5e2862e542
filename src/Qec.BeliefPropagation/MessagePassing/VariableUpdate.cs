using System.Runtime.CompilerServices;
using Qec.Gpu;

namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// The variable-node half of an iteration and the hard decision, with the bookkeeping of which checks
/// the decision leaves unsatisfied (see <see cref="IShotState"/>'s invariant).
/// </summary>
public static class VariableUpdate
{
    /// <summary>
    /// Flooding variable update: posterior = prior + Σ incoming; each outgoing message is the prior plus
    /// the other incoming messages, summed by a forward and a backward pass (as ldpc, so no
    /// cancellation from subtracting a large message). Incoming messages are the stored per-edge ones,
    /// or, when <paramref name="compressed"/>, expanded from each check's <see cref="CheckSummary"/>
    /// (and stored for the backward pass). With memory (Mem-BP, Müller et al., arXiv:2506.01779, eq. 3)
    /// the prior is (1 − γ_v)·ln((1−p)/p) + γ_v·(last posterior). Only posteriors are bounded (by
    /// <see cref="BpEngine.MessageBound"/>): check messages never exceed <see cref="CheckUpdate.SoleEdgeMagnitude"/>
    /// (min-sum) or ≈ 37.4 (sum-product), so every message stays finite. Returns the number of
    /// unsatisfied checks after the new decision.
    /// </summary>
    public static int Flooding<TGraph, TState>(ref TGraph graph, ref TState state, bool compressed, bool withMemory, int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int v = 0; v < graph.NumVariables; v++)
        {
            double prior = graph.PriorLlr(v);
            if (withMemory)
            {
                double gamma = state.MemoryStrength(v);
                prior = MemoryPrior(prior, gamma, state.Posterior(v));
            }
            int begin = graph.ColumnStart(v), end = graph.ColumnStart(v + 1);
            double sum = prior;
            for (int e = begin; e < end; e++)
            {
                double incoming;
                if (compressed)
                {
                    incoming = state.Summary(graph.EdgeCheck(e)).MessageTo(e, state.VariableToCheck(e) <= 0);
                    state.SetCheckToVariable(e, incoming);
                }
                else
                {
                    incoming = state.CheckToVariable(e);
                }
                state.SetVariableToCheck(e, sum);
                sum += incoming;
            }
            sum = Bound(sum);
            state.SetPosterior(v, sum);
            double others = 0;
            for (int e = end - 1; e >= begin; e--)
            {
                state.SetVariableToCheck(e, state.VariableToCheck(e) + others);
                others += state.CheckToVariable(e);
            }
            if ((sum <= 0) != state.Decision(v))
            {
                unsatisfied = Flip(ref graph, ref state, v, unsatisfied);
            }
        }
        return unsatisfied;
    }

    /// <summary>
    /// One serial (layered) sweep over the checks in index order (Hocevar, "A reduced complexity
    /// decoder architecture via layered decoding of LDPC codes", SIPS 2004): each check forms its
    /// incoming messages as posterior − its last outgoing message, updates, and adds the new outgoing
    /// messages back into the posteriors, so later checks of the same sweep already see them.
    /// </summary>
    public static void LayeredSweep<TGraph, TState>(ref TGraph graph, ref TState state, BpMethod method, double alpha)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int c = 0; c < graph.NumChecks; c++)
        {
            int begin = graph.RowStart(c), end = graph.RowStart(c + 1);
            for (int i = begin; i < end; i++)
            {
                int e = graph.RowEdge(i);
                state.SetVariableToCheck(e, state.Posterior(graph.EdgeVariable(e)) - state.CheckToVariable(e));
            }
            if (method == BpMethod.MinSum)
            {
                CheckUpdate.MinSum(ref graph, ref state, c, alpha);
            }
            else
            {
                CheckUpdate.SumProduct(ref graph, ref state, c);
            }
            for (int i = begin; i < end; i++)
            {
                int e = graph.RowEdge(i);
                state.SetPosterior(graph.EdgeVariable(e), Bound(state.VariableToCheck(e) + state.CheckToVariable(e)));
            }
        }
    }

    /// <summary>Hard decision from every posterior; returns the number of unsatisfied checks.</summary>
    public static int Decide<TGraph, TState>(ref TGraph graph, ref TState state, int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int v = 0; v < graph.NumVariables; v++)
        {
            if ((state.Posterior(v) <= 0) != state.Decision(v))
            {
                unsatisfied = Flip(ref graph, ref state, v, unsatisfied);
            }
        }
        return unsatisfied;
    }

    /// <summary>
    /// The Mem-BP prior (1 − γ)·Λ + γ·M, each product rounded on its own on every device (see
    /// <see cref="DeviceMath"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MemoryPrior(double prior, double gamma, double lastPosterior) =>
        DeviceMath.Multiply(1 - gamma, prior) + DeviceMath.Multiply(gamma, lastPosterior);

    /// <summary>Flips variable v's decision and toggles its checks' unsatisfied flags; returns the new count.</summary>
    private static int Flip<TGraph, TState>(ref TGraph graph, ref TState state, int v, int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        state.SetDecision(v, !state.Decision(v));
        for (int e = graph.ColumnStart(v), end = graph.ColumnStart(v + 1); e < end; e++)
        {
            int c = graph.EdgeCheck(e);
            bool now = !state.Unsatisfied(c);
            state.SetUnsatisfied(c, now);
            unsatisfied += now ? 1 : -1;
        }
        return unsatisfied;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Bound(double x) => x > BpEngine.MessageBound ? BpEngine.MessageBound : x < -BpEngine.MessageBound ? -BpEngine.MessageBound : x;
}

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
    /// cancellation from subtracting a large message). With memory (Mem-BP, Müller et al.,
    /// arXiv:2506.01779, eq. 3) the prior is (1 − γ_v)·ln((1−p)/p) + γ_v·(last posterior).
    /// Returns the number of unsatisfied checks after the new decision.
    /// </summary>
    public static int Flooding<TGraph, TState>(in TGraph graph, ref TState state, bool withMemory, int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int v = 0; v < graph.NumVariables; v++)
        {
            double prior = graph.PriorLlr(v);
            if (withMemory)
            {
                double gamma = state.MemoryStrength(v);
                prior = (1 - gamma) * prior + gamma * state.Posterior(v);
            }
            int begin = graph.ColumnStart(v), end = graph.ColumnStart(v + 1);
            double sum = prior;
            for (int k = begin; k < end; k++)
            {
                int e = graph.ColumnEdge(k);
                state.SetVariableToCheck(e, sum);
                sum += state.CheckToVariable(e);
            }
            sum = Bound(sum);
            state.SetPosterior(v, sum);
            double others = 0;
            for (int k = end - 1; k >= begin; k--)
            {
                int e = graph.ColumnEdge(k);
                state.SetVariableToCheck(e, Bound(state.VariableToCheck(e) + others));
                others += state.CheckToVariable(e);
            }
            unsatisfied = SetDecision(graph, ref state, v, sum <= 0, unsatisfied);
        }
        return unsatisfied;
    }

    /// <summary>
    /// One serial (layered) sweep over the checks in index order (Hocevar, "A reduced complexity
    /// decoder architecture via layered decoding of LDPC codes", SIPS 2004): each check forms its
    /// incoming messages as posterior − its last outgoing message, updates, and adds the new outgoing
    /// messages back into the posteriors, so later checks of the same sweep already see them.
    /// </summary>
    public static void LayeredSweep<TGraph, TState>(in TGraph graph, ref TState state, BpMethod method, double alpha)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int c = 0; c < graph.NumChecks; c++)
        {
            int begin = graph.RowStart(c), end = graph.RowStart(c + 1);
            for (int e = begin; e < end; e++)
            {
                state.SetVariableToCheck(e, state.Posterior(graph.EdgeVariable(e)) - state.CheckToVariable(e));
            }
            BpEngine.UpdateCheck(ref state, method, c, begin, end, alpha);
            for (int e = begin; e < end; e++)
            {
                state.SetPosterior(graph.EdgeVariable(e), Bound(state.VariableToCheck(e) + state.CheckToVariable(e)));
            }
        }
    }

    /// <summary>Hard decision from every posterior; returns the number of unsatisfied checks.</summary>
    public static int Decide<TGraph, TState>(in TGraph graph, ref TState state, int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int v = 0; v < graph.NumVariables; v++)
        {
            unsatisfied = SetDecision(graph, ref state, v, state.Posterior(v) <= 0, unsatisfied);
        }
        return unsatisfied;
    }

    private static int SetDecision<TGraph, TState>(in TGraph graph, ref TState state, int v, bool flipped, int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        if (flipped == state.Decision(v))
        {
            return unsatisfied;
        }
        state.SetDecision(v, flipped);
        for (int k = graph.ColumnStart(v), end = graph.ColumnStart(v + 1); k < end; k++)
        {
            int c = graph.EdgeCheck(graph.ColumnEdge(k));
            bool now = !state.Unsatisfied(c);
            state.SetUnsatisfied(c, now);
            unsatisfied += now ? 1 : -1;
        }
        return unsatisfied;
    }

    private static double Bound(double x) => x > BpEngine.MessageBound ? BpEngine.MessageBound : x < -BpEngine.MessageBound ? -BpEngine.MessageBound : x;
}

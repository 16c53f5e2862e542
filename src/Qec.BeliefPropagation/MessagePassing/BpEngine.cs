namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// Belief propagation on a Tanner graph, one shot at a time, written once for every device: the CPU
/// decoders call it with array-backed views, the ILGPU kernels with device views (one thread per
/// shot). Follows ldpc v2's BP (Roffe et al., arXiv:2005.07016; quantumgizmos/ldpc src_cpp/bp.hpp):
/// variable-to-check messages start at the prior LLR, a message ≤ 0 counts as negative, the hard
/// decision flips a variable whose posterior is ≤ 0, and the run stops as soon as that decision
/// satisfies the syndrome. The unsatisfied checks are tracked incrementally (a decision that flips
/// toggles its checks), so the convergence test costs nothing when few decisions change.
/// </summary>
public static class BpEngine
{
    /// <summary>
    /// Bound on posteriors and variable-to-check messages, far below double overflow: sums of bounded
    /// messages stay finite even with Relay-BP's negative memory strengths.
    /// </summary>
    public const double MessageBound = 1e150;

    /// <summary>Runs BP from the priors; the state then holds posteriors and the hard decision.</summary>
    public static BpOutcome Run<TGraph, TState>(in TGraph graph, ref TState state, in BpSettings settings)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        int unsatisfied = StartFromPriors(graph, ref state);
        if (unsatisfied == 0)
        {
            return new BpOutcome(0, true);
        }
        ResetMessages(graph, ref state, settings.Schedule);
        int iterations = Iterate(graph, ref state, settings, settings.MaxIterations, false, ref unsatisfied);
        return new BpOutcome(iterations, unsatisfied == 0);
    }

    /// <summary>
    /// Sets posteriors to the priors and the hard decision to the prior's (flip where LLR ≤ 0), and
    /// marks the checks this decision leaves unsatisfied; returns their number.
    /// </summary>
    public static int StartFromPriors<TGraph, TState>(in TGraph graph, ref TState state)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        int n = graph.NumVariables, m = graph.NumChecks;
        for (int v = 0; v < n; v++)
        {
            double prior = graph.PriorLlr(v);
            state.SetPosterior(v, prior);
            state.SetDecision(v, prior <= 0);
        }
        int unsatisfied = 0;
        bool anyFlipped = graph.HasNonPositivePrior;
        for (int c = 0; c < m; c++)
        {
            bool u = state.Syndrome(c);
            if (anyFlipped)
            {
                for (int e = graph.RowStart(c), end = graph.RowStart(c + 1); e < end; e++)
                {
                    u ^= state.Decision(graph.EdgeVariable(e));
                }
            }
            state.SetUnsatisfied(c, u);
            unsatisfied += u ? 1 : 0;
        }
        return unsatisfied;
    }

    /// <summary>
    /// Starts the messages of a run: flooding sends every variable's prior to its checks; the layered
    /// schedule starts from silent checks (its variable messages are formed from the posteriors).
    /// </summary>
    public static void ResetMessages<TGraph, TState>(in TGraph graph, ref TState state, BpSchedule schedule)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        int edges = graph.RowStart(graph.NumChecks);
        for (int e = 0; e < edges; e++)
        {
            if (schedule == BpSchedule.Flooding)
            {
                state.SetVariableToCheck(e, graph.PriorLlr(graph.EdgeVariable(e)));
            }
            else
            {
                state.SetCheckToVariable(e, 0);
            }
        }
    }

    /// <summary>
    /// Runs up to <paramref name="maxIterations"/> iterations (at least one), stopping after the first
    /// that leaves no check unsatisfied; returns the iterations run. With <paramref name="withMemory"/>
    /// each variable's prior is mixed with its last posterior by its memory strength (flooding only).
    /// </summary>
    public static int Iterate<TGraph, TState>(in TGraph graph, ref TState state, in BpSettings settings,
        int maxIterations, bool withMemory, ref int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int t = 1; t <= maxIterations; t++)
        {
            double alpha = settings.ScalingAt(t);
            if (settings.Schedule == BpSchedule.Flooding)
            {
                for (int c = 0; c < graph.NumChecks; c++)
                {
                    UpdateCheck(ref state, settings.Method, c, graph.RowStart(c), graph.RowStart(c + 1), alpha);
                }
                unsatisfied = VariableUpdate.Flooding(graph, ref state, withMemory, unsatisfied);
            }
            else
            {
                VariableUpdate.LayeredSweep(graph, ref state, settings.Method, alpha);
                unsatisfied = VariableUpdate.Decide(graph, ref state, unsatisfied);
            }
            if (unsatisfied == 0)
            {
                return t;
            }
        }
        return maxIterations;
    }

    /// <summary>One check's outgoing messages by the chosen rule.</summary>
    public static void UpdateCheck<TState>(ref TState state, BpMethod method, int check, int begin, int end, double alpha)
        where TState : struct, IShotState
    {
        if (method == BpMethod.MinSum)
        {
            CheckUpdate.MinSum(ref state, check, begin, end, alpha);
        }
        else
        {
            CheckUpdate.SumProduct(ref state, check, begin, end);
        }
    }

    /// <summary>Σ ln((1 − p)/p) over the flipped variables: the weight of the hard decision.</summary>
    public static double DecisionWeight<TGraph, TState>(in TGraph graph, ref TState state)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        double weight = 0;
        for (int v = 0; v < graph.NumVariables; v++)
        {
            weight += state.Decision(v) ? graph.PriorLlr(v) : 0;
        }
        return weight;
    }

    /// <summary>Writes the observables the hard decision flips into the state's observable words.</summary>
    public static void StoreObservables<TGraph, TState>(in TGraph graph, ref TState state)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        int words = graph.ObservableWords;
        for (int w = 0; w < words; w++)
        {
            ulong mask = 0;
            for (int v = 0; v < graph.NumVariables; v++)
            {
                mask ^= state.Decision(v) ? graph.ObservableMask(v, w) : 0;
            }
            state.SetObservables(w, mask);
        }
    }
}

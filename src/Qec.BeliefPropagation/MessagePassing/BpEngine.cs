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

    /// <summary>Runs BP from the priors with the generic iteration; the state then holds posteriors and the hard decision.</summary>
    public static BpOutcome Run<TGraph, TState>(ref TGraph graph, ref TState state, in BpSettings settings)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState =>
        Run<TGraph, TState, GenericSteps<TGraph, TState>>(ref graph, ref state, settings);

    /// <summary>Runs BP from the priors by the steps of <typeparamref name="TSteps"/>.</summary>
    public static BpOutcome Run<TGraph, TState, TSteps>(ref TGraph graph, ref TState state, in BpSettings settings)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
        where TSteps : struct, IBpSteps<TGraph, TState>
    {
        var steps = default(TSteps);
        int unsatisfied = steps.StartFromPriors(ref graph, ref state);
        if (unsatisfied == 0)
        {
            return new BpOutcome(0, true);
        }
        steps.ResetMessages(ref graph, ref state, settings.Schedule);
        int iterations = Iterate<TGraph, TState, TSteps>(ref graph, ref state, settings, settings.MaxIterations, false, ref unsatisfied);
        return new BpOutcome(iterations, unsatisfied == 0);
    }

    /// <inheritdoc cref="IBpSteps{TGraph, TState}.StartFromPriors"/>
    public static int StartFromPriors<TGraph, TState>(ref TGraph graph, ref TState state)
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
                for (int i = graph.RowStart(c), end = graph.RowStart(c + 1); i < end; i++)
                {
                    u ^= state.Decision(graph.EdgeVariable(graph.RowEdge(i)));
                }
            }
            state.SetUnsatisfied(c, u);
            unsatisfied += u ? 1 : 0;
        }
        return unsatisfied;
    }

    /// <inheritdoc cref="IBpSteps{TGraph, TState}.ResetMessages"/>
    public static void ResetMessages<TGraph, TState>(ref TGraph graph, ref TState state, BpSchedule schedule)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
    {
        for (int v = 0; v < graph.NumVariables; v++)
        {
            double prior = graph.PriorLlr(v);
            for (int e = graph.ColumnStart(v), end = graph.ColumnStart(v + 1); e < end; e++)
            {
                if (schedule == BpSchedule.Flooding)
                {
                    state.SetVariableToCheck(e, prior);
                }
                else
                {
                    state.SetCheckToVariable(e, 0);
                }
            }
        }
    }

    /// <summary>
    /// Runs up to <paramref name="maxIterations"/> iterations (at least one) of <typeparamref name="TSteps"/>,
    /// stopping after the first that leaves no check unsatisfied; returns the iterations run. With
    /// <paramref name="withMemory"/> each variable's prior is mixed with its last posterior by its
    /// memory strength (flooding only).
    /// </summary>
    public static int Iterate<TGraph, TState, TSteps>(ref TGraph graph, ref TState state, in BpSettings settings,
        int maxIterations, bool withMemory, ref int unsatisfied)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
        where TSteps : struct, IBpSteps<TGraph, TState>
    {
        var steps = default(TSteps);
        for (int t = 1; t <= maxIterations; t++)
        {
            unsatisfied = steps.Iterate(ref graph, ref state, settings, settings.ScalingAt(t), withMemory, unsatisfied);
            if (unsatisfied == 0)
            {
                return t;
            }
        }
        return maxIterations;
    }

    /// <inheritdoc cref="IBpSteps{TGraph, TState}.DecisionWeight"/>
    public static double DecisionWeight<TGraph, TState>(ref TGraph graph, ref TState state)
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

    /// <inheritdoc cref="IBpSteps{TGraph, TState}.StoreObservables"/>
    public static void StoreObservables<TGraph, TState>(ref TGraph graph, ref TState state)
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

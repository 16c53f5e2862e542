using Qec.BeliefPropagation.MessagePassing;

namespace Qec.BeliefPropagation.Relay;

/// <summary>
/// Relay-BP (arXiv:2506.01779, Algorithm 1), one shot, written once for the CPU and the ILGPU kernels.
/// A first leg of memory BP with uniform strength γ0; then legs with disordered strengths, each starting
/// from the posteriors where the previous leg stopped (the relay: they are the first leg's memory
/// term), with fresh variable messages; every leg that reaches a decision satisfying the syndrome is a
/// solution, and the lightest solution (Σ ln((1−p)/p)) is kept. Stops after
/// <see cref="RelaySettings.Solutions"/> solutions or <see cref="RelaySettings.Legs"/> relay legs.
/// The observables of the kept solution are left in the state's observable words; with no solution,
/// those of the first leg's final decision.
/// </summary>
public static class RelayEngine
{
    /// <summary>Runs Relay-BP with the flooding min-sum or sum-product rule of <paramref name="bp"/>, each iteration by <typeparamref name="TSteps"/>.</summary>
    public static RelayOutcome Run<TGraph, TState, TSteps>(ref TGraph graph, ref TState state, in BpSettings bp, in RelaySettings relay)
        where TGraph : struct, IGraphView
        where TState : struct, IShotState
        where TSteps : struct, IBpSteps<TGraph, TState>
    {
        var steps = default(TSteps);
        int n = graph.NumVariables;
        int unsatisfied = steps.StartFromPriors(ref graph, ref state);
        if (unsatisfied == 0)
        {
            steps.StoreObservables(ref graph, ref state);
            return new RelayOutcome(0, 0, 1, steps.DecisionWeight(ref graph, ref state));
        }
        for (int v = 0; v < n; v++)
        {
            state.SetMemoryStrength(v, relay.Gamma0);
        }
        steps.ResetMessages(ref graph, ref state, BpSchedule.Flooding);
        int iterations = BpEngine.Iterate<TGraph, TState, TSteps>(ref graph, ref state, bp, relay.FirstLegIterations, true, ref unsatisfied);
        steps.StoreObservables(ref graph, ref state);
        int solutions = 0;
        double best = double.PositiveInfinity;
        if (unsatisfied == 0)
        {
            solutions = 1;
            best = steps.DecisionWeight(ref graph, ref state);
        }
        int legs = 1;
        for (int leg = 1; leg <= relay.Legs && solutions < relay.Solutions; leg++)
        {
            for (int v = 0; v < n; v++)
            {
                state.SetMemoryStrength(v, relay.MemoryStrength(leg, v, n));
            }
            steps.ResetMessages(ref graph, ref state, BpSchedule.Flooding);
            iterations += BpEngine.Iterate<TGraph, TState, TSteps>(ref graph, ref state, bp, relay.LegIterations, true, ref unsatisfied);
            legs++;
            if (unsatisfied == 0)
            {
                solutions++;
                double weight = steps.DecisionWeight(ref graph, ref state);
                if (weight < best)
                {
                    best = weight;
                    steps.StoreObservables(ref graph, ref state);
                }
            }
        }
        return new RelayOutcome(iterations, legs, solutions, best);
    }
}

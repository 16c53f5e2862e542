namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// The steps every device runs (the ILGPU kernels use them as they are): flooding or layered, min-sum
/// (compressed when every column has ≤ 64 edges) or sum-product.
/// </summary>
public struct GenericSteps<TGraph, TState> : IBpSteps<TGraph, TState>
    where TGraph : struct, IGraphView
    where TState : struct, IShotState
{
    /// <inheritdoc/>
    public readonly int StartFromPriors(ref TGraph graph, ref TState state) => BpEngine.StartFromPriors(ref graph, ref state);

    /// <inheritdoc/>
    public readonly void ResetMessages(ref TGraph graph, ref TState state, BpSchedule schedule) => BpEngine.ResetMessages(ref graph, ref state, schedule);

    /// <inheritdoc/>
    public readonly void StoreObservables(ref TGraph graph, ref TState state) => BpEngine.StoreObservables(ref graph, ref state);

    /// <inheritdoc/>
    public readonly double DecisionWeight(ref TGraph graph, ref TState state) => BpEngine.DecisionWeight(ref graph, ref state);

    /// <inheritdoc/>
    public readonly int Iterate(ref TGraph graph, ref TState state, in BpSettings settings, double alpha, bool withMemory, int unsatisfied)
    {
        if (settings.Schedule == BpSchedule.Layered)
        {
            VariableUpdate.LayeredSweep(ref graph, ref state, settings.Method, alpha);
            return VariableUpdate.Decide(ref graph, ref state, unsatisfied);
        }
        bool compressed = settings.Method == BpMethod.MinSum && graph.CompressedMinSum;
        for (int c = 0; c < graph.NumChecks; c++)
        {
            if (compressed)
            {
                CheckUpdate.MinSumSummary(ref graph, ref state, c, alpha);
            }
            else if (settings.Method == BpMethod.MinSum)
            {
                CheckUpdate.MinSum(ref graph, ref state, c, alpha);
            }
            else
            {
                CheckUpdate.SumProduct(ref graph, ref state, c);
            }
        }
        return VariableUpdate.Flooding(ref graph, ref state, compressed, withMemory, unsatisfied);
    }
}

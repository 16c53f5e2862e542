using System.Numerics;

namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// A contraction order for one <see cref="NetworkShape"/> with everything the contraction needs that does
/// not depend on the values (index maps, step sizes), so the same plan contracts many networks of that
/// shape — the decoder's per-shot networks differ only in values. Its <see cref="Cost"/> is known before
/// anything is contracted.
/// </summary>
public sealed class ContractionPlan
{
    internal ContractionPlan(NetworkShape shape, List<ContractionStep> steps, List<int[]> nodeIndices, int last, Gather final)
    {
        Shape = shape;
        Steps = steps;
        NodeIndices = nodeIndices;
        LastNode = last;
        Final = final;
        Cost = ContractionCost.Of(steps.Select(s => (s.Flops, (double)s.ResultLength)), final.Offsets.Length, final.Length, steps.Count);
    }

    /// <summary>The network this plan contracts.</summary>
    public NetworkShape Shape { get; }

    /// <summary>Multiply-adds and memory, known before contracting.</summary>
    public ContractionCost Cost { get; }

    internal List<ContractionStep> Steps { get; }

    internal List<int[]> NodeIndices { get; }

    internal int LastNode { get; }

    internal Gather Final { get; }

    /// <summary>Plans <paramref name="shape"/> with the greedy search (<see cref="GreedyPlanner"/>).</summary>
    public static ContractionPlan Greedy(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return GreedyPlanner.Plan(shape);
    }

    /// <summary>
    /// Plans <paramref name="shape"/> greedily, but refuses (<see cref="ArgumentException"/> naming
    /// <paramref name="what"/>, the cost and the limits) an order over <paramref name="limits"/> before building
    /// anything as large as its intermediates.
    /// </summary>
    public static ContractionPlan Greedy(NetworkShape shape, ContractionLimits limits, string what)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(what);
        return GreedyPlanner.Plan(shape, limits, what);
    }

    /// <summary>An executor that owns the workspace for contracting networks of this shape (reuse it; one per thread).</summary>
    public PlanExecutor<T> CreateExecutor<T>()
        where T : INumberBase<T> => new(this);
}

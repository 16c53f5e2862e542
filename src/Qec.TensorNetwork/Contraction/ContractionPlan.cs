using System.Numerics;

namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// A contraction order for one <see cref="NetworkShape"/>, with everything the contraction needs that does
/// not depend on the values (index maps, step sizes; built on first use), so the same plan contracts many
/// networks of that shape — the decoder's per-shot networks differ only in values. Its <see cref="Cost"/>
/// is known before anything is contracted or allocated.
/// </summary>
public sealed class ContractionPlan
{
    private Gather? _final;

    internal ContractionPlan(NetworkShape shape, List<ContractionStep> steps, List<int[]> nodeIndices, int last)
    {
        Shape = shape;
        Steps = steps;
        NodeIndices = nodeIndices;
        LastNode = last;
        double flops = 0, largest = 0, total = 0;
        foreach (var step in steps)
        {
            flops += step.Flops;
            largest = Math.Max(largest, step.ResultLength);
            total += step.ResultLength;
        }
        double final = shape.Size(nodeIndices[last]), result = shape.Size(shape.OpenIndices);
        Cost = new ContractionCost(flops + final, Math.Max(largest, result), total + result, steps.Count);
    }

    /// <summary>The network this plan contracts.</summary>
    public NetworkShape Shape { get; }

    /// <summary>Multiply-adds and memory, known before contracting.</summary>
    public ContractionCost Cost { get; }

    internal List<ContractionStep> Steps { get; }

    internal List<int[]> NodeIndices { get; }

    internal int LastNode { get; }

    /// <summary>The last node rearranged to the open labels' order (labels not open summed).</summary>
    internal Gather Final => _final ??= Gather.Create(NodeIndices[LastNode], [.. Shape.OpenIndices], Shape.Dimensions);

    /// <summary>Plans <paramref name="shape"/> with the pairwise greedy search (<see cref="GreedyPlanner"/>).</summary>
    public static ContractionPlan Greedy(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return GreedyPlanner.Plan(shape);
    }

    /// <summary>
    /// Plans <paramref name="shape"/> greedily and refuses (<see cref="ArgumentException"/> naming
    /// <paramref name="what"/>, the cost and the limits) an order over <paramref name="limits"/>; planning
    /// allocates nothing as large as the intermediates, so a huge network is refused cheaply.
    /// </summary>
    public static ContractionPlan Greedy(NetworkShape shape, ContractionLimits limits, string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        var plan = Greedy(shape);
        plan.Cost.EnsureWithin(limits, what);
        return plan;
    }

    /// <summary>Plans <paramref name="shape"/> by variable elimination (<see cref="EliminationPlanner"/>).</summary>
    public static ContractionPlan Elimination(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return EliminationPlanner.Plan(shape);
    }

    /// <summary>Plans <paramref name="shape"/> as a boundary sweep over <paramref name="labelOrder"/> (<see cref="SweepPlanner"/>).</summary>
    public static ContractionPlan Sweep(NetworkShape shape, IReadOnlyList<int> labelOrder)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(labelOrder);
        return SweepPlanner.Plan(shape, labelOrder);
    }

    /// <summary>The cheaper (fewer multiply-adds, then less workspace) of the greedy and elimination plans.</summary>
    public static ContractionPlan Best(NetworkShape shape)
    {
        var greedy = Greedy(shape);
        var elimination = Elimination(shape);
        return (elimination.Cost.Flops, elimination.Cost.TotalIntermediate).CompareTo((greedy.Cost.Flops, greedy.Cost.TotalIntermediate)) < 0
            ? elimination
            : greedy;
    }

    /// <summary>
    /// An executor that owns the workspace for contracting networks of this shape (reuse it; one per
    /// thread). Throws <see cref="ArgumentException"/> when an intermediate would not fit an array.
    /// </summary>
    public PlanExecutor<T> CreateExecutor<T>()
        where T : INumberBase<T>
    {
        if (Cost.LargestIntermediate > Array.MaxLength || Steps.Any(s => s.BatchSize * s.LeftSize * s.SumSize > Array.MaxLength || s.BatchSize * s.SumSize * s.RightSize > Array.MaxLength))
        {
            throw new ArgumentException($"a tensor of this contraction does not fit in memory: {Cost}");
        }
        return new(this);
    }
}

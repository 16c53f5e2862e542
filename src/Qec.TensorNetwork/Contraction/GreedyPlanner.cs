namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// Finds a pairwise contraction order greedily (as opt_einsum's "greedy"; Gray &amp; Kourtis, "Hyper-optimized
/// tensor network contraction", Quantum 5, 410, 2021, sec. 3): at each step, among the pairs of tensors that
/// share a label, contract the pair whose result is smallest relative to its inputs (size(result) −
/// size(A) − size(B)), ties broken by fewer multiply-adds and then by the lower tensor numbers (so the
/// order is deterministic); when no two tensors share a label, multiply the two smallest (an outer product).
/// A label is summed as soon as the pair being contracted holds its last two occurrences and it is not open.
/// </summary>
internal static class GreedyPlanner
{
    /// <summary>
    /// Plans <paramref name="shape"/>. With <paramref name="limits"/>, the order is found and its cost summed
    /// first, and a plan over the limits is refused (naming <paramref name="what"/>) before any index map is
    /// built — those maps are as large as the intermediates they serve.
    /// </summary>
    public static ContractionPlan Plan(NetworkShape shape, ContractionLimits? limits = null, string what = "network")
    {
        var dims = shape.Dimensions;
        var open = new HashSet<int>(shape.OpenIndices);
        var labels = new List<int[]>(shape.TensorIndices);  // per node (inputs, then results)
        var alive = new SortedSet<int>(Enumerable.Range(0, shape.Count));
        var holders = new Dictionary<int, SortedSet<int>>();   // label → alive nodes holding it
        for (int t = 0; t < shape.Count; t++)
        {
            foreach (int l in labels[t])
            {
                (holders.TryGetValue(l, out var set) ? set : holders[l] = []).Add(t);
            }
        }
        var order = new List<StepLabels>();
        while (alive.Count > 1)
        {
            var (a, b) = ChoosePair(alive, labels, holders, open, shape);
            int result = labels.Count;
            var step = Split(a, b, result, labels, holders, open);
            labels.Add(step.ResultIndices);
            foreach (int l in labels[a].Concat(labels[b]))
            {
                holders[l].Remove(a);
                holders[l].Remove(b);
            }
            foreach (int l in step.ResultIndices)
            {
                holders[l].Add(result);
            }
            alive.Remove(a);
            alive.Remove(b);
            alive.Add(result);
            order.Add(step);
        }
        int last = alive.Min;
        if (limits is { } within)
        {
            var sizes = order.Select(s => (shape.Size(s.Batch) * shape.Size(s.LeftOnly) * shape.Size(s.RightOnly) * shape.Size(s.Shared),
                                           shape.Size(s.ResultIndices)));
            ContractionCost.Of(sizes, shape.Size(labels[last]), shape.Size(shape.OpenIndices), order.Count).EnsureWithin(within, what);
        }
        var steps = order.Select(s => s.Build(labels, dims)).ToList();
        var final = Gather.Create(labels[last], [.. shape.OpenIndices], dims);
        return new ContractionPlan(shape, steps, labels, last, final);
    }

    private static (int A, int B) ChoosePair(SortedSet<int> alive, List<int[]> labels, Dictionary<int, SortedSet<int>> holders,
        HashSet<int> open, NetworkShape shape)
    {
        (int, int) best = (-1, -1);
        (double Growth, double Flops) bestScore = (double.PositiveInfinity, double.PositiveInfinity);
        foreach (int a in alive)
        {
            foreach (int l in labels[a])
            {
                foreach (int b in holders[l])
                {
                    if (b <= a)
                    {
                        continue;
                    }
                    var score = Score(a, b, labels, holders, open, shape);
                    if (score.Growth < bestScore.Growth || (score.Growth == bestScore.Growth && score.Flops < bestScore.Flops))
                    {
                        (best, bestScore) = ((a, b), score);
                    }
                }
            }
        }
        if (best.Item1 >= 0)
        {
            return best;
        }
        // No shared label: the two smallest tensors, an outer product.
        var bySize = alive.OrderBy(t => shape.Size(labels[t])).ThenBy(t => t).Take(2).ToArray();
        return (Math.Min(bySize[0], bySize[1]), Math.Max(bySize[0], bySize[1]));
    }

    private static (double Growth, double Flops) Score(int a, int b, List<int[]> labels, Dictionary<int, SortedSet<int>> holders,
        HashSet<int> open, NetworkShape shape)
    {
        double kept = 1, all = 1;
        foreach (int l in labels[a].Union(labels[b]))
        {
            all *= shape.Dimensions[l];
            if (!Summed(l, a, b, holders, open))
            {
                kept *= shape.Dimensions[l];
            }
        }
        return (kept - shape.Size(labels[a]) - shape.Size(labels[b]), all);
    }

    /// <summary>A label is summed when no alive node but a and b holds it and it is not open.</summary>
    private static bool Summed(int label, int a, int b, Dictionary<int, SortedSet<int>> holders, HashSet<int> open)
    {
        if (open.Contains(label))
        {
            return false;
        }
        foreach (int h in holders[label])
        {
            if (h != a && h != b)
            {
                return false;
            }
        }
        return true;
    }

    private static StepLabels Split(int a, int b, int result, List<int[]> labels, Dictionary<int, SortedSet<int>> holders, HashSet<int> open)
    {
        int[] la = labels[a], lb = labels[b];
        return new StepLabels(a, b, result,
            Batch: [.. la.Where(l => lb.Contains(l) && !Summed(l, a, b, holders, open))],
            Shared: [.. la.Where(l => lb.Contains(l) && Summed(l, a, b, holders, open))],
            LeftOnly: [.. la.Where(l => !lb.Contains(l) && !Summed(l, a, b, holders, open))],
            RightOnly: [.. lb.Where(l => !la.Contains(l) && !Summed(l, a, b, holders, open))]);
    }

    /// <summary>How one pairwise step sorts its operands' labels; the index maps come later, in <see cref="Build"/>.</summary>
    private sealed record StepLabels(int Left, int Right, int Result, int[] Batch, int[] Shared, int[] LeftOnly, int[] RightOnly)
    {
        /// <summary>Result labels: batch, then left-only, then right-only.</summary>
        public int[] ResultIndices { get; } = [.. Batch, .. LeftOnly, .. RightOnly];

        public ContractionStep Build(List<int[]> labels, IReadOnlyDictionary<int, int> dims)
        {
            int Size(int[] ls) => ls.Aggregate(1, (p, l) => checked(p * dims[l]));
            return new ContractionStep
            {
                Left = Left,
                Right = Right,
                Result = Result,
                ResultIndices = ResultIndices,
                BatchSize = Size(Batch),
                LeftSize = Size(LeftOnly),
                RightSize = Size(RightOnly),
                SumSize = Size(Shared),
                LeftGather = Gather.Create(labels[Left], [.. Batch, .. LeftOnly, .. Shared], dims),
                RightGather = Gather.Create(labels[Right], [.. Batch, .. Shared, .. RightOnly], dims),
            };
        }
    }
}

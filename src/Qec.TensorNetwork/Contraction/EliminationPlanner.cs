namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// Variable-elimination order (Koller &amp; Friedman, Probabilistic Graphical Models, sec. 9.4.3, the
/// "min-weight" heuristic): repeatedly sum out the closed label whose elimination forms the smallest
/// tensor — the product of all tensors holding it, over the union of their labels minus itself — by
/// contracting those tensors pairwise, smallest first. Suits factor graphs with hyperedges (a label on
/// many tensors), where the pairwise greedy search can join tensors that share nothing it can sum yet.
/// Open labels are never eliminated; ties go to the lower label (deterministic).
/// </summary>
internal static class EliminationPlanner
{
    public static ContractionPlan Plan(NetworkShape shape)
    {
        var builder = new PlanBuilder(shape);
        var open = new HashSet<int>(shape.OpenIndices);
        var remaining = new SortedSet<int>(builder.Holders.Keys.Where(l => !open.Contains(l)));
        while (remaining.Count > 0)
        {
            int best = -1;
            double bestSize = double.PositiveInfinity;
            foreach (int label in remaining)
            {
                var union = new HashSet<int>();
                foreach (int h in builder.Holders[label])
                {
                    union.UnionWith(builder.Labels[h]);
                }
                union.Remove(label);
                double size = shape.Size(union);
                if (size < bestSize)
                {
                    (best, bestSize) = (label, size);
                }
            }
            remaining.Remove(best);
            while (builder.Holders[best].Count > 1)
            {
                var two = builder.Holders[best].OrderBy(builder.Size).ThenBy(t => t).Take(2).ToArray();
                builder.Contract(Math.Min(two[0], two[1]), Math.Max(two[0], two[1]));
            }
            // A label left on a single tensor is summed when that tensor is next contracted (or by the final gather).
        }
        return builder.Finish();
    }
}

namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// A boundary sweep: labels are visited in a given order; at each, the tensors holding it are merged
/// (smallest first) into one, which is then contracted into a single growing "boundary" tensor; then every
/// tensor whose labels the boundary already holds (a constraint closing on it) is absorbed, so the boundary
/// keeps only the labels that still connect it to the rest. For a
/// network laid out along a line (a DEM's mechanisms in time order, with every parity chain built in that
/// order) the boundary is the exact transfer state of the sweep (Bravyi, Suchara &amp; Vargo 2014 without
/// truncation) and its size is 2^(open constraints at that point): far below what a local search finds
/// for such networks.
/// </summary>
internal static class SweepPlanner
{
    public static ContractionPlan Plan(NetworkShape shape, IReadOnlyList<int> labelOrder)
    {
        var builder = new PlanBuilder(shape);
        int boundary = -1;
        foreach (int label in labelOrder)
        {
            if (!builder.Holders.TryGetValue(label, out var holders) || holders.Count == 0)
            {
                continue;
            }
            var local = holders.Where(h => h != boundary).ToList();
            while (local.Count > 1)
            {
                var two = local.OrderBy(builder.Size).ThenBy(t => t).Take(2).ToArray();
                int merged = builder.Contract(Math.Min(two[0], two[1]), Math.Max(two[0], two[1]));
                local.Remove(two[0]);
                local.Remove(two[1]);
                local.Add(merged);
            }
            if (local.Count == 1)
            {
                boundary = boundary < 0 ? local[0] : builder.Contract(Math.Min(boundary, local[0]), Math.Max(boundary, local[0]));
            }
            boundary = AbsorbCovered(builder, boundary);
        }
        return builder.Finish();
    }

    /// <summary>Contracts into the boundary every alive tensor all of whose labels it holds; returns the new boundary.</summary>
    private static int AbsorbCovered(PlanBuilder builder, int boundary)
    {
        if (boundary < 0)
        {
            return boundary;
        }
        while (true)
        {
            var labels = builder.Labels[boundary];
            int covered = -1;
            foreach (int l in labels)
            {
                foreach (int t in builder.Holders[l])
                {
                    if (t != boundary && builder.Labels[t].All(x => Array.IndexOf(labels, x) >= 0))
                    {
                        covered = t;
                        break;
                    }
                }
                if (covered >= 0)
                {
                    break;
                }
            }
            if (covered < 0)
            {
                return boundary;
            }
            boundary = builder.Contract(Math.Min(boundary, covered), Math.Max(boundary, covered));
        }
    }
}

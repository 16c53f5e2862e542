namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// Pairwise greedy order (as opt_einsum's "greedy"; Gray &amp; Kourtis, "Hyper-optimized tensor network
/// contraction", Quantum 5, 410, 2021, sec. 3): among the pairs of tensors that share a label, contract
/// the pair whose result is smallest relative to its inputs (size(result) − size(A) − size(B)), ties
/// broken by fewer multiply-adds and then by the lower tensor numbers (deterministic).
/// </summary>
internal static class GreedyPlanner
{
    public static ContractionPlan Plan(NetworkShape shape)
    {
        var builder = new PlanBuilder(shape);
        while (builder.Alive.Count > 1)
        {
            (int, int) best = (-1, -1);
            (double Growth, double Flops) bestScore = (double.PositiveInfinity, double.PositiveInfinity);
            foreach (int a in builder.Alive)
            {
                foreach (int l in builder.Labels[a])
                {
                    foreach (int b in builder.Holders[l])
                    {
                        if (b <= a)
                        {
                            continue;
                        }
                        var (size, flops) = builder.Preview(a, b);
                        double growth = size - builder.Size(a) - builder.Size(b);
                        if (growth < bestScore.Growth || (growth == bestScore.Growth && flops < bestScore.Flops))
                        {
                            (best, bestScore) = ((a, b), (growth, flops));
                        }
                    }
                }
            }
            if (best.Item1 < 0)
            {
                break;  // nothing shares a label: Finish multiplies the rest
            }
            builder.Contract(best.Item1, best.Item2);
        }
        return builder.Finish();
    }
}

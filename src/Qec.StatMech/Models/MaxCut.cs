namespace Qec.StatMech.Models;

/// <summary>
/// Max-cut as an Ising ground state: with J_ij = −w_ij (antiferromagnetic) and no field, E(s) = Σ w_ij s_i s_j, and an
/// edge contributes −w_ij when cut (s_i ≠ s_j), +w_ij when not, so E = W − 2 cut(s) with W = Σ w_ij: the ground state
/// is a maximum cut, cut = (W − E)/2.
/// </summary>
public static class MaxCut
{
    /// <summary>The antiferromagnet of a weighted graph.</summary>
    public static IsingModel FromEdges(int size, IReadOnlyList<Coupling> weightedEdges, string name)
    {
        var couplings = new Coupling[weightedEdges.Count];
        for (var e = 0; e < couplings.Length; e++) couplings[e] = weightedEdges[e] with { Strength = -weightedEdges[e].Strength };
        return new IsingModel(size, couplings, null, name);
    }

    /// <summary>Max-cut of an unweighted Erdős–Rényi graph G(n, c/(n − 1)) drawn from <paramref name="seed"/>.</summary>
    public static IsingModel RandomGraph(int size, double meanDegree, int seed)
    {
        var graph = IsingModel.RandomGraph(size, meanDegree, seed);
        var edges = new Coupling[graph.Couplings.Length];
        for (var e = 0; e < edges.Length; e++) edges[e] = graph.Couplings[e] with { Strength = 1 };
        return FromEdges(size, edges, $"maxcut n={size} c={meanDegree} seed={seed}");
    }

    /// <summary>The cut weight (W − E)/2 of a state with energy <paramref name="energy"/> on <paramref name="model"/>
    /// (built by <see cref="FromEdges"/>: W = −Σ J_ij).</summary>
    public static double CutValue(IsingModel model, double energy)
    {
        var total = 0.0;
        foreach (var coupling in model.Couplings) total -= coupling.Strength;
        return (total - energy) / 2;
    }
}

using Qec.StatMech.Models;

namespace Qec.StatMech.Hopfield;

/// <summary>
/// The Hopfield associative memory (Hopfield 1982): P patterns ξ^μ ∈ {±1}^n stored by the Hebb rule
/// J_ij = (1/n) Σ_μ ξ_i^μ ξ_j^μ (i ≠ j, zero diagonal), an Ising model with E = −Σ_{i&lt;j} J_ij s_i s_j.
/// </summary>
public static class HopfieldNetwork
{
    /// <summary><paramref name="count"/> independent unbiased patterns of <paramref name="size"/> spins from a seeded generator.</summary>
    public static sbyte[][] RandomPatterns(int size, int count, int seed)
    {
        if (size < 2) throw new ArgumentOutOfRangeException(nameof(size), size, "a Hopfield network needs n ≥ 2");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "at least one pattern is needed");
        var random = new Random(seed);
        var patterns = new sbyte[count][];
        for (var mu = 0; mu < count; mu++)
        {
            patterns[mu] = new sbyte[size];
            for (var i = 0; i < size; i++) patterns[mu][i] = random.Next(2) == 0 ? (sbyte)1 : (sbyte)-1;
        }
        return patterns;
    }

    /// <summary>The Hebb-rule model of <paramref name="patterns"/> (all of one length n): every pair coupled by
    /// J_ij = (1/n) Σ_μ ξ_i^μ ξ_j^μ, no fields.</summary>
    public static IsingModel Hebb(IReadOnlyList<sbyte[]> patterns)
    {
        if (patterns.Count < 1) throw new ArgumentException("at least one pattern is needed", nameof(patterns));
        var n = patterns[0].Length;
        foreach (var pattern in patterns)
            if (pattern.Length != n) throw new ArgumentException($"patterns of lengths {n} and {pattern.Length}", nameof(patterns));
        var couplings = new List<Coupling>(n * (n - 1) / 2);
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
        {
            var sum = 0;
            foreach (var pattern in patterns) sum += pattern[i] * pattern[j];
            couplings.Add(new Coupling(i, j, (double)sum / n));
        }
        return new IsingModel(n, couplings, null, $"hopfield n={n} P={patterns.Count}");
    }

    /// <summary>The overlap m = (1/n) Σ_i ξ_i s_i.</summary>
    public static double Overlap(ReadOnlySpan<sbyte> spins, ReadOnlySpan<sbyte> pattern)
    {
        var sum = 0;
        for (var i = 0; i < spins.Length; i++) sum += spins[i] * pattern[i];
        return (double)sum / spins.Length;
    }
}

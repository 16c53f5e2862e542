using Qec.StatMech.Models;

namespace Qec.StatMech.InverseIsing;

/// <summary>
/// Heat-bath (Glauber) sampling of an Ising model for Monte Carlo moment estimates: each sweep visits the spins in
/// order and sets s_i = +1 with probability (1 + tanh βH_i)/2, H_i the local field. Seeded, single chain.
/// </summary>
public static class GibbsSampler
{
    /// <summary>⟨s_i⟩ and ⟨s_i s_j⟩ averaged over <paramref name="sweeps"/> sweeps after <paramref name="burnIn"/>.</summary>
    public static SpinStatistics Statistics(IsingModel model, double beta, int sweeps, int burnIn, int seed)
    {
        if (sweeps < 1 || burnIn < 0) throw new ArgumentOutOfRangeException(nameof(sweeps), sweeps, "need sweeps ≥ 1 and burn-in ≥ 0");
        var n = model.Size;
        var spins = RandomStart(n, new Random(seed), out var random);
        for (var t = 0; t < burnIn; t++) Sweep(model, beta, spins, random);
        var m = new double[n];
        var c = new double[n, n];
        for (var t = 0; t < sweeps; t++)
        {
            Sweep(model, beta, spins, random);
            for (var i = 0; i < n; i++)
            {
                m[i] += spins[i];
                for (var j = i + 1; j < n; j++) c[i, j] += spins[i] * spins[j];
            }
        }
        for (var i = 0; i < n; i++)
        {
            m[i] /= sweeps;
            c[i, i] = 1;
            for (var j = i + 1; j < n; j++) c[j, i] = c[i, j] /= sweeps;
        }
        return new SpinStatistics(m, c);
    }

    /// <summary>One configuration after each of <paramref name="count"/> sweeps (after the burn-in).</summary>
    public static List<sbyte[]> Configurations(IsingModel model, double beta, int count, int burnIn, int seed)
    {
        var spins = RandomStart(model.Size, new Random(seed), out var random);
        for (var t = 0; t < burnIn; t++) Sweep(model, beta, spins, random);
        var configurations = new List<sbyte[]>(count);
        for (var t = 0; t < count; t++)
        {
            Sweep(model, beta, spins, random);
            configurations.Add((sbyte[])spins.Clone());
        }
        return configurations;
    }

    /// <summary>One heat-bath sweep in site order.</summary>
    public static void Sweep(IsingModel model, double beta, sbyte[] spins, Random random)
    {
        for (var i = 0; i < spins.Length; i++)
        {
            var up = 0.5 * (1 + Math.Tanh(beta * model.LocalField(i, spins)));
            spins[i] = random.NextDouble() < up ? (sbyte)1 : (sbyte)-1;
        }
    }

    private static sbyte[] RandomStart(int n, Random seeded, out Random random)
    {
        random = seeded;
        var spins = new sbyte[n];
        for (var i = 0; i < n; i++) spins[i] = random.Next(2) == 0 ? (sbyte)1 : (sbyte)-1;
        return spins;
    }
}

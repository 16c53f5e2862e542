using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.InverseIsing;

/// <summary>
/// Distinct ±1 configurations with normalized weights: a data set with repeats merged, or (for small n) the whole
/// Boltzmann distribution, which makes pseudo-likelihood see exact statistics.
/// </summary>
public sealed class SpinSamples
{
    private readonly sbyte[] _spins;
    private readonly double[] _weights;

    /// <summary>Wraps configurations of <paramref name="size"/> spins, row after row, and
    /// their weights (normalized here; each must be ≥ 0, their sum &gt; 0).</summary>
    public SpinSamples(int size, sbyte[] spins, double[] weights)
    {
        if (size < 1 || spins.Length != size * weights.Length)
            throw new ArgumentException($"{spins.Length} spins do not make {weights.Length} configurations of {size}", nameof(spins));
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || !double.IsFinite(w)) throw new ArgumentException($"weight {w} is not a finite non-negative number", nameof(weights));
            total += w;
        }
        if (!(total > 0)) throw new ArgumentException("the weights sum to zero", nameof(weights));
        Size = size;
        _spins = spins;
        _weights = new double[weights.Length];
        for (var k = 0; k < weights.Length; k++) _weights[k] = weights[k] / total;
    }

    /// <summary>Spins per configuration.</summary>
    public int Size { get; }

    /// <summary>Distinct configurations held.</summary>
    public int Count => _weights.Length;

    /// <summary>Configuration k.</summary>
    public ReadOnlySpan<sbyte> Configuration(int k) => _spins.AsSpan(k * Size, Size);

    /// <summary>Weight of configuration k (the weights sum to 1).</summary>
    public double Weight(int k) => _weights[k];

    /// <summary>Every one of the 2^n configurations with its Boltzmann probability at β (n ≤ 24).</summary>
    public static SpinSamples ExactDistribution(IsingModel model, double beta)
    {
        var n = model.Size;
        if (n > 24) throw new ArgumentOutOfRangeException(nameof(model), n, $"the full distribution is held for n ≤ 24; {model.Name} has {n}");
        var count = 1 << n;
        var spins = new sbyte[(long)count * n];
        var logWeights = new double[count];
        var top = double.NegativeInfinity;
        for (var state = 0; state < count; state++)
        {
            var row = spins.AsSpan(state * n, n);
            for (var i = 0; i < n; i++) row[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
            logWeights[state] = -beta * model.Energy(row);
            top = Math.Max(top, logWeights[state]);
        }
        for (var state = 0; state < count; state++) logWeights[state] = Math.Exp(logWeights[state] - top);
        return new SpinSamples(n, spins, logWeights);
    }

    /// <summary><paramref name="draws"/> independent exact draws from the Boltzmann distribution (by inverting the
    /// cumulative weights of the full distribution), repeats merged.</summary>
    public static SpinSamples DrawExact(IsingModel model, double beta, int draws, int seed)
    {
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "at least one draw is needed");
        var all = ExactDistribution(model, beta);
        var cumulative = new double[all.Count];
        var sum = 0.0;
        for (var k = 0; k < all.Count; k++) cumulative[k] = sum += all.Weight(k);
        var random = new Random(seed);
        var counts = new Dictionary<int, int>();
        for (var d = 0; d < draws; d++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            if (index < 0) index = ~index;
            index = Math.Min(index, all.Count - 1);
            counts[index] = counts.GetValueOrDefault(index) + 1;
        }
        return Merge(all, counts);
    }

    /// <summary>The given configurations (e.g. Monte Carlo samples), repeats merged, each with weight ∝ multiplicity.</summary>
    public static SpinSamples FromConfigurations(int size, IReadOnlyList<sbyte[]> configurations)
    {
        var index = new Dictionary<string, int>();
        var spins = new List<sbyte>();
        var weights = new List<double>();
        foreach (var configuration in configurations)
        {
            if (configuration.Length != size) throw new ArgumentException($"a configuration has {configuration.Length} spins, not {size}", nameof(configurations));
            var key = Convert.ToBase64String((byte[])(Array)configuration);
            if (index.TryGetValue(key, out var k))
            {
                weights[k] += 1;
                continue;
            }
            index[key] = weights.Count;
            spins.AddRange(configuration);
            weights.Add(1);
        }
        return new SpinSamples(size, [.. spins], [.. weights]);
    }

    /// <summary>⟨s_i⟩ and ⟨s_i s_j⟩ under the weights.</summary>
    public SpinStatistics Statistics()
    {
        var n = Size;
        var m = new double[n];
        var c = new double[n, n];
        for (var k = 0; k < Count; k++)
        {
            var s = Configuration(k);
            var w = _weights[k];
            for (var i = 0; i < n; i++)
            {
                var wi = w * s[i];
                m[i] += wi;
                for (var j = i + 1; j < n; j++) c[i, j] += wi * s[j];
            }
        }
        for (var i = 0; i < n; i++)
        {
            c[i, i] = 1;
            for (var j = i + 1; j < n; j++) c[j, i] = c[i, j];
        }
        return new SpinStatistics(m, c);
    }

    private static SpinSamples Merge(SpinSamples all, Dictionary<int, int> counts)
    {
        var n = all.Size;
        var spins = new sbyte[counts.Count * n];
        var weights = new double[counts.Count];
        var row = 0;
        foreach (var (index, count) in counts.OrderBy(p => p.Key))
        {
            all.Configuration(index).CopyTo(spins.AsSpan(row * n, n));
            weights[row++] = count;
        }
        return new SpinSamples(n, spins, weights);
    }
}

namespace Qec.StatMech.Models;

/// <summary>One coupling of an Ising model: the pair (I &lt; J) and J_ij.</summary>
public readonly record struct Coupling(int I, int J, double Strength);

/// <summary>
/// An Ising model on any coupling graph with spins s_i = ±1 and energy
/// E(s) = −Σ_{i&lt;j} J_ij s_i s_j − Σ_i h_i s_i.
/// The SK convention E = −½ sᵀJs (symmetric J, zero diagonal) is the same sum. Immutable; the neighbour lists
/// (both directions, compressed rows) serve Monte Carlo, enumeration and message passing alike.
/// </summary>
public sealed class IsingModel
{
    private readonly Coupling[] _couplings;
    private readonly double[] _fields;
    private readonly int[] _rowStart;
    private readonly int[] _neighbors;
    private readonly double[] _neighborCouplings;

    /// <summary>Builds a model of <paramref name="size"/> spins; a pair listed twice has its couplings added
    /// (as the L = 2 periodic lattice needs). Throws on an index out of range, a self-coupling or a non-finite value.</summary>
    public IsingModel(int size, IReadOnlyList<Coupling> couplings, IReadOnlyList<double>? fields = null, string name = "ising")
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "an Ising model needs at least one spin");
        if (fields is not null && fields.Count != size)
            throw new ArgumentException($"{fields.Count} fields given for {size} spins", nameof(fields));
        Size = size;
        Name = name;
        _fields = new double[size];
        for (var i = 0; i < size && fields is not null; i++)
        {
            if (!double.IsFinite(fields[i])) throw new ArgumentException($"field h_{i} = {fields[i]} is not finite", nameof(fields));
            _fields[i] = fields[i];
        }
        _couplings = new Coupling[couplings.Count];
        var degree = new int[size];
        for (var e = 0; e < couplings.Count; e++)
        {
            var (i, j, strength) = couplings[e];
            if ((uint)i >= (uint)size || (uint)j >= (uint)size)
                throw new ArgumentException($"coupling {e} joins spins {i} and {j}, outside 0..{size - 1}", nameof(couplings));
            if (i == j) throw new ArgumentException($"coupling {e} joins spin {i} to itself", nameof(couplings));
            if (!double.IsFinite(strength)) throw new ArgumentException($"coupling {e} ({i},{j}) = {strength} is not finite", nameof(couplings));
            _couplings[e] = i < j ? new Coupling(i, j, strength) : new Coupling(j, i, strength);
            degree[i]++;
            degree[j]++;
        }
        _rowStart = new int[size + 1];
        for (var i = 0; i < size; i++) _rowStart[i + 1] = _rowStart[i] + degree[i];
        _neighbors = new int[_rowStart[size]];
        _neighborCouplings = new double[_rowStart[size]];
        var fill = _rowStart[..size];
        foreach (var (i, j, strength) in _couplings)
        {
            _neighbors[fill[i]] = j;
            _neighborCouplings[fill[i]++] = strength;
            _neighbors[fill[j]] = i;
            _neighborCouplings[fill[j]++] = strength;
        }
    }

    /// <summary>Number of spins n.</summary>
    public int Size { get; }

    /// <summary>A short name for tables and plots (e.g. "square 4x4 periodic", "sk n=20 seed=1").</summary>
    public string Name { get; }

    /// <summary>Every coupling once, with I &lt; J, in the order given.</summary>
    public ReadOnlySpan<Coupling> Couplings => _couplings;

    /// <summary>The fields h_i.</summary>
    public ReadOnlySpan<double> Fields => _fields;

    /// <summary>True when some h_i ≠ 0.</summary>
    public bool HasFields => Array.Exists(_fields, h => h != 0);

    /// <summary>The spins coupled to spin <paramref name="i"/> (a pair listed twice appears twice).</summary>
    public ReadOnlySpan<int> NeighborsOf(int i) => _neighbors.AsSpan(_rowStart[i], _rowStart[i + 1] - _rowStart[i]);

    /// <summary>J_ij for each entry of <see cref="NeighborsOf"/>, in the same order.</summary>
    public ReadOnlySpan<double> CouplingsOf(int i) => _neighborCouplings.AsSpan(_rowStart[i], _rowStart[i + 1] - _rowStart[i]);

    /// <summary>E(s) for spins ±1.</summary>
    public double Energy(ReadOnlySpan<sbyte> spins)
    {
        var energy = 0.0;
        foreach (var (i, j, strength) in _couplings) energy -= strength * spins[i] * spins[j];
        for (var i = 0; i < Size; i++) energy -= _fields[i] * spins[i];
        return energy;
    }

    /// <summary>The local field Σ_j J_ij s_j + h_i; flipping spin i changes the energy by 2 s_i × this.</summary>
    public double LocalField(int i, ReadOnlySpan<sbyte> spins)
    {
        var field = _fields[i];
        var row = _rowStart[i];
        for (var k = row; k < _rowStart[i + 1]; k++) field += _neighborCouplings[k] * spins[_neighbors[k]];
        return field;
    }

    /// <summary>The dense symmetric coupling matrix J (zero diagonal).</summary>
    public double[,] CouplingMatrix()
    {
        var matrix = new double[Size, Size];
        foreach (var (i, j, strength) in _couplings)
        {
            matrix[i, j] += strength;
            matrix[j, i] += strength;
        }
        return matrix;
    }

    /// <summary>The same couplings with fields <paramref name="fields"/>.</summary>
    public IsingModel WithFields(IReadOnlyList<double> fields) => new(Size, _couplings, fields, Name);

    /// <summary>The L×L square-lattice ferromagnet (site i = row·L + column), periodic or open, J = <paramref name="coupling"/>.</summary>
    public static IsingModel SquareLattice(int length, bool periodic, double coupling = 1.0)
    {
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "a square lattice needs L ≥ 2");
        var couplings = new List<Coupling>();
        for (var r = 0; r < length; r++)
        for (var c = 0; c < length; c++)
        {
            var site = r * length + c;
            if (c + 1 < length || periodic) couplings.Add(new Coupling(site, r * length + (c + 1) % length, coupling));
            if (r + 1 < length || periodic) couplings.Add(new Coupling(site, (r + 1) % length * length + c, coupling));
        }
        return new IsingModel(length * length, couplings, null, $"square {length}x{length} {(periodic ? "periodic" : "open")}");
    }

    /// <summary>The Sherrington–Kirkpatrick spin glass: J_ij = J_ji ~ N(0, 1/n) for every pair, drawn in (i, j) row order
    /// from a generator seeded with <paramref name="seed"/>.</summary>
    public static IsingModel SherringtonKirkpatrick(int size, int seed)
    {
        if (size < 2) throw new ArgumentOutOfRangeException(nameof(size), size, "the SK model needs n ≥ 2");
        var random = new Random(seed);
        var couplings = new List<Coupling>(size * (size - 1) / 2);
        var scale = 1.0 / Math.Sqrt(size);
        for (var i = 0; i < size; i++)
        for (var j = i + 1; j < size; j++)
            couplings.Add(new Coupling(i, j, scale * Gaussian(random)));
        return new IsingModel(size, couplings, null, $"sk n={size} seed={seed}");
    }

    /// <summary>An Erdős–Rényi graph with mean degree <paramref name="meanDegree"/> and couplings ±J (each sign with
    /// probability ½) or Gaussian N(0, J²) when <paramref name="gaussian"/>.</summary>
    public static IsingModel RandomGraph(int size, double meanDegree, int seed, double coupling = 1.0, bool gaussian = false)
    {
        if (size < 2) throw new ArgumentOutOfRangeException(nameof(size), size, "a random graph needs n ≥ 2");
        if (meanDegree < 0 || meanDegree > size - 1)
            throw new ArgumentOutOfRangeException(nameof(meanDegree), meanDegree, $"mean degree must lie in 0..{size - 1}");
        var random = new Random(seed);
        var edgeProbability = meanDegree / (size - 1);
        var couplings = new List<Coupling>();
        for (var i = 0; i < size; i++)
        for (var j = i + 1; j < size; j++)
        {
            if (random.NextDouble() >= edgeProbability) continue;
            var strength = gaussian ? coupling * Gaussian(random) : random.Next(2) == 0 ? coupling : -coupling;
            couplings.Add(new Coupling(i, j, strength));
        }
        return new IsingModel(size, couplings, null, $"random n={size} c={meanDegree} seed={seed}");
    }

    /// <summary>A standard normal variate by Box–Muller (one per call; deterministic for a seeded generator).</summary>
    internal static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}

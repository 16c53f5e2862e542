using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Qec.StatMech.Models;

namespace Qec.StatMech.Exact;

/// <summary>
/// The energies of one chunk of 2^<see cref="LowBits"/> states in Gray-code order, written to a buffer so that the
/// Boltzmann sums (or a minimum, or a histogram) run over it in bulk. Step t flips spin k = tz(t), so the state at
/// step t is (chunk ≪ lowBits) ⊕ g(t) with g(t) = t ⊕ (t ≫ 1) (the reflected Gray code); spin i is +1 when bit i is 0.
/// Each flip changes E by 2 s_k h_k and each neighbour's local field by 2 J_jk s_k'. A dense model (SK) keeps J as
/// padded rows and updates all n fields with <see cref="Vector{T}"/>; a sparse one (a lattice) scatters over its
/// neighbour list. Every chunk starts from an energy computed afresh, so rounding never accumulates across chunks.
/// </summary>
internal sealed class GrayCodeEnergies
{
    /// <summary>Spins enumerated inside a chunk (the rest name the chunk).</summary>
    public const int MaxLowBits = 16;

    private readonly IsingModel _model;
    private readonly double[]? _denseRows;
    private readonly int _stride;

    public GrayCodeEnergies(IsingModel model)
    {
        _model = model;
        var n = model.Size;
        LowBits = Math.Min(n, MaxLowBits);
        Chunks = 1L << (n - LowBits);
        _stride = (n + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
        // Dense when the neighbour lists hold more than a quarter of all pairs: a vector row update then beats the scatter.
        if (2L * model.Couplings.Length * 4 > (long)n * n)
        {
            _denseRows = new double[n * _stride];
            foreach (var (i, j, strength) in model.Couplings)
            {
                _denseRows[i * _stride + j] += strength;
                _denseRows[j * _stride + i] += strength;
            }
        }
    }

    /// <summary>Spins run in Gray-code order inside a chunk.</summary>
    public int LowBits { get; }

    /// <summary>Number of chunks, 2^(n − <see cref="LowBits"/>).</summary>
    public long Chunks { get; }

    /// <summary>States per chunk.</summary>
    public int ChunkSize => 1 << LowBits;

    /// <summary>A scratch buffer for one worker: local fields (padded), spins as doubles and as ±1 bytes.</summary>
    public (double[] Fields, double[] Spins, sbyte[] Signs) CreateWorkspace() => (new double[_stride], new double[_model.Size], new sbyte[_model.Size]);

    /// <summary>The state visited at step <paramref name="t"/> of <paramref name="chunk"/>.</summary>
    public long StateAt(long chunk, int t) => (chunk << LowBits) ^ (t ^ (t >> 1));

    /// <summary>Writes E(state at step t) to <paramref name="energies"/>[t] for every t of the chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(long chunk, (double[] Fields, double[] Spins, sbyte[] Signs) workspace, Span<double> energies)
    {
        var (fields, spins, signs) = workspace;
        var n = _model.Size;
        var state = chunk << LowBits;
        for (var i = 0; i < n; i++) signs[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
        for (var i = 0; i < n; i++)
        {
            spins[i] = signs[i];
            fields[i] = _model.LocalField(i, signs);
        }
        var energy = _model.Energy(signs);
        energies[0] = energy;
        var steps = ChunkSize;
        if (_denseRows is null)
        {
            for (var t = 1; t < steps; t++)
            {
                var k = BitOperations.TrailingZeroCount(t);
                energy += 2 * spins[k] * fields[k];
                var flipped = spins[k] = -spins[k];
                var neighbors = _model.NeighborsOf(k);
                var couplings = _model.CouplingsOf(k);
                for (var e = 0; e < neighbors.Length; e++) fields[neighbors[e]] += 2 * couplings[e] * flipped;
                energies[t] = energy;
            }
            return;
        }
        ref var fieldBase = ref MemoryMarshal.GetArrayDataReference(fields);
        ref var rowBase = ref MemoryMarshal.GetArrayDataReference(_denseRows);
        var width = Vector<double>.Count;
        for (var t = 1; t < steps; t++)
        {
            var k = BitOperations.TrailingZeroCount(t);
            energy += 2 * spins[k] * fields[k];
            var flipped = spins[k] = -spins[k];
            var scale = new Vector<double>(2 * flipped);
            ref var row = ref Unsafe.Add(ref rowBase, k * _stride);
            for (var j = 0; j < _stride; j += width)
            {
                var updated = Vector.LoadUnsafe(ref fieldBase, (nuint)j) + scale * Vector.LoadUnsafe(ref row, (nuint)j);
                updated.StoreUnsafe(ref fieldBase, (nuint)j);
            }
            energies[t] = energy;
        }
    }
}

using Qec.Core.Sampling;
using Qec.StatMech.Models;

namespace Qec.StatMech.MonteCarlo;

/// <summary>
/// Wolff single-cluster updates (U. Wolff, PRL 62, 361, 1989) on any ferromagnetic pair model without fields: from a
/// random seed spin, a bond to an aligned neighbour joins the cluster with probability p_ij = 1 − e^{−2βJ_ij}, and the
/// whole cluster flips (accepted with probability 1: the Fortuin–Kasteleyn weights make it rejection-free). The bond
/// probabilities need J_ij ≥ 0 and h = 0; other models are refused. A sweep is a fixed number K of clusters, K = n / ⟨cluster
/// size⟩ measured once in a warm-up at construction: a sweep that instead stopped once n spins had flipped would end at
/// a state-dependent stopping time, and the states it ends on are not distributed as exp(−βE) (biased towards just
/// after a large cluster).
/// </summary>
internal sealed class WolffChain : IMarkovChain
{
    private readonly IsingModel _model;
    private readonly sbyte[] _spins;
    private readonly double[][] _bondProbability;
    private readonly int[] _stack;
    private Xoshiro256StarStar _rng;

    public WolffChain(IsingModel model, double beta, ulong seed)
    {
        CheckApplicable(model);
        _model = model;
        _rng = new Xoshiro256StarStar(seed);
        _spins = new sbyte[model.Size];
        for (var i = 0; i < _spins.Length; i++) _spins[i] = (_rng.NextUInt64() >> 63) == 0 ? (sbyte)1 : (sbyte)-1;
        _bondProbability = new double[model.Size][];
        for (var i = 0; i < model.Size; i++)
        {
            var couplings = model.CouplingsOf(i);
            _bondProbability[i] = new double[couplings.Length];
            for (var e = 0; e < couplings.Length; e++) _bondProbability[i][e] = -double.ExpM1(-2 * beta * couplings[e]);
        }
        _stack = new int[model.Size];
        long warmFlips = 0, warmClusters = 0;
        while (warmFlips < 10L * model.Size && warmClusters < 10_000)
        {
            warmFlips += GrowAndFlip();
            warmClusters++;
        }
        ClustersPerSweep = (int)Math.Max(1, Math.Round((double)model.Size * warmClusters / warmFlips));
        Energy = model.Energy(_spins);
        Magnetization = 0;
        foreach (var s in _spins) Magnetization += s;
    }

    public double Energy { get; private set; }

    public double Magnetization { get; private set; }

    public long Flips { get; private set; }

    /// <summary>Clusters per sweep, K ≈ n / ⟨cluster size⟩ (fixed at construction).</summary>
    public int ClustersPerSweep { get; }

    /// <summary>Clusters grown since the start.</summary>
    public long Clusters { get; private set; }

    /// <summary>Throws unless every J_ij ≥ 0 and every h_i = 0 (the cases Wolff's bond probabilities cover).</summary>
    public static void CheckApplicable(IsingModel model)
    {
        if (model.HasFields) throw new ArgumentException($"Wolff cluster updates need zero fields; {model.Name} has fields", nameof(model));
        foreach (var (i, j, strength) in model.Couplings)
            if (strength < 0)
                throw new ArgumentException(
                    $"Wolff cluster updates need ferromagnetic couplings (J ≥ 0); {model.Name} has J_{i},{j} = {strength}", nameof(model));
    }

    public void Sweep()
    {
        for (var k = 0; k < ClustersPerSweep; k++) GrowAndFlip();
        Energy = _model.Energy(_spins);
    }

    /// <summary>One cluster: spins are flipped as they join, so "aligned with the old sign" marks the ones still outside.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int GrowAndFlip()
    {
        var seed = (int)((_rng.NextUInt64() >> 32) * (ulong)_spins.Length >> 32);
        var old = _spins[seed];
        _spins[seed] = (sbyte)-old;
        _stack[0] = seed;
        int top = 1, size = 1;
        while (top > 0)
        {
            var i = _stack[--top];
            var neighbors = _model.NeighborsOf(i);
            var probability = _bondProbability[i];
            for (var e = 0; e < neighbors.Length; e++)
            {
                var j = neighbors[e];
                if (_spins[j] != old || _rng.NextDouble() >= probability[e]) continue;
                _spins[j] = (sbyte)-old;
                _stack[top++] = j;
                size++;
            }
        }
        Magnetization -= 2 * old * size;
        Flips += size;
        Clusters++;
        return size;
    }
}

using Qec.Core.Sampling;
using Qec.StatMech.Models;

namespace Qec.StatMech.MonteCarlo;

/// <summary>
/// Metropolis or heat-bath sweeps on any <see cref="IsingModel"/> (any couplings and fields): sites in index order, the
/// local field h_i = Σ_j J_ij s_j + h_i summed over the neighbour list, ΔE = 2 s_i h_i. Sequential sweeps satisfy
/// balance (each single-site step does detailed balance). Energy and magnetization are carried along exactly.
/// </summary>
internal sealed class LocalUpdateChain : IMarkovChain
{
    private readonly IsingModel _model;
    private readonly sbyte[] _spins;
    private readonly double _beta;
    private readonly bool _heatBath;
    private Xoshiro256StarStar _rng;

    public LocalUpdateChain(IsingModel model, double beta, UpdateMethod method, ulong seed)
    {
        if (method == UpdateMethod.Wolff) throw new ArgumentException("a local-update chain does Metropolis or Glauber", nameof(method));
        _model = model;
        _beta = beta;
        _heatBath = method == UpdateMethod.Glauber;
        _rng = new Xoshiro256StarStar(seed);
        _spins = new sbyte[model.Size];
        for (var i = 0; i < _spins.Length; i++) _spins[i] = (_rng.NextUInt64() >> 63) == 0 ? (sbyte)1 : (sbyte)-1;
        Energy = model.Energy(_spins);
        foreach (var s in _spins) Magnetization += s;
    }

    public double Energy { get; private set; }

    public double Magnetization { get; private set; }

    public long Flips { get; private set; }

    /// <summary>The current spins.</summary>
    public ReadOnlySpan<sbyte> Spins => _spins;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Sweep()
    {
        for (var i = 0; i < _spins.Length; i++)
        {
            var s = _spins[i];
            var delta = 2 * s * _model.LocalField(i, _spins);
            var u = _rng.NextDouble();
            var flip = _heatBath ? u * (1 + Math.Exp(_beta * delta)) < 1 : delta <= 0 || u < Math.Exp(-_beta * delta);
            if (!flip) continue;
            _spins[i] = (sbyte)-s;
            Energy += delta;
            Magnetization -= 2 * s;
            Flips++;
        }
    }
}

using System.Runtime.CompilerServices;
using Qec.Core.Sampling;

namespace Qec.StatMech.MonteCarlo;

/// <summary>
/// Metropolis sweeps specialised to the L×L periodic square-lattice ferromagnet (J = 1, no field). The energy change
/// of flipping s is ΔE = 2 s Σ_nn s_j ∈ {−8, −4, 0, 4, 8}, so acceptance is a lookup: index k = (s Σ + 4)/2 ∈ 0..4
/// into 32-bit thresholds ⌊2^32 min(1, e^{−βΔE})⌋ compared with the top half of one xoshiro256** draw — no exp, no
/// division and no branch on the hot path (the flip is applied arithmetically). Sites in typewriter order.
/// </summary>
public sealed class SquareLatticeMetropolis : IMarkovChain
{
    private readonly int _length;
    private readonly sbyte[] _spins;
    private readonly ulong[] _threshold = new ulong[5];
    private readonly int[] _previous;
    private readonly int[] _next;
    private Xoshiro256StarStar _rng;
    private long _energy;
    private long _magnetization;

    /// <summary>An L×L periodic lattice at inverse temperature β, spins drawn at random from <paramref name="seed"/>.</summary>
    public SquareLatticeMetropolis(int length, double beta, ulong seed)
    {
        if (length < 3) throw new ArgumentOutOfRangeException(nameof(length), length, "the periodic square-lattice kernel needs L ≥ 3");
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be ≥ 0 and finite");
        _length = length;
        _spins = new sbyte[length * length];
        _previous = new int[length];
        _next = new int[length];
        for (var c = 0; c < length; c++)
        {
            _previous[c] = (c + length - 1) % length;
            _next[c] = (c + 1) % length;
        }
        for (var k = 0; k < 5; k++)
        {
            var delta = 4.0 * (k - 2);
            _threshold[k] = delta <= 0 ? 1UL << 32 : (ulong)Math.Floor(Math.Exp(-beta * delta) * 4294967296.0);
        }
        _rng = new Xoshiro256StarStar(seed);
        for (var i = 0; i < _spins.Length; i++) _spins[i] = (_rng.NextUInt64() >> 63) == 0 ? (sbyte)1 : (sbyte)-1;
        Recount();
    }

    /// <inheritdoc/>
    public double Energy => _energy;

    /// <inheritdoc/>
    public double Magnetization => _magnetization;

    /// <inheritdoc/>
    public long Flips { get; private set; }

    /// <summary>The spins, site r·L + c.</summary>
    public ReadOnlySpan<sbyte> Spins => _spins;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Sweep()
    {
        var length = _length;
        var spins = _spins;
        var threshold = _threshold;
        var rng = _rng;
        long energy = 0, magnetization = 0, flips = 0;
        for (var r = 0; r < length; r++)
        {
            int row = r * length, up = _previous[r] * length, down = _next[r] * length;
            for (var c = 0; c < length; c++)
            {
                var i = row + c;
                int s = spins[i];
                var sum = spins[up + c] + spins[down + c] + spins[row + _previous[c]] + spins[row + _next[c]];
                var local = s * sum;
                // flip = 1 when the draw falls below the threshold; −flip is an all-ones mask.
                var flip = (int)((rng.NextUInt64() >> 32) - threshold[(local + 4) >> 1] >> 63);
                spins[i] = (sbyte)(s - 2 * s * flip);
                energy += 2 * local & -flip;
                magnetization -= 2 * s & -flip;
                flips += flip;
            }
        }
        _rng = rng;
        _energy += energy;
        _magnetization += magnetization;
        Flips += flips;
    }

    private void Recount()
    {
        _energy = 0;
        _magnetization = 0;
        for (var r = 0; r < _length; r++)
        for (var c = 0; c < _length; c++)
        {
            int s = _spins[r * _length + c];
            _energy -= s * (_spins[r * _length + _next[c]] + _spins[_next[r] * _length + c]);
            _magnetization += s;
        }
    }
}

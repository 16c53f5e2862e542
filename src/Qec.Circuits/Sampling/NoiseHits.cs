using System.Runtime.CompilerServices;
using Qec.Core.Sampling;

namespace Qec.Circuits.Sampling;

/// <summary>
/// Walks the successes of a stream of independent Bernoulli(p) trials, site-major over sites × shots,
/// by geometric skips: the gap before the next success is ⌊E / −ln(1 − p)⌋ with E exponential(1)
/// (Devroye, "Non-Uniform Random Variate Generation", 1986, §X.2), E drawn by the ziggurat as in the
/// DEM sampler (no logarithm per success). The position is kept as (site, shot) and moved by
/// subtraction — a gap rarely spans more than one site — so no success pays a 64-bit divide. Work is
/// proportional to the number of successes: a channel of probability 10⁻³ on n sites × S shots costs
/// ≈ 10⁻³·n·S steps, not n·S.
/// </summary>
internal struct NoiseHits
{
    private readonly double _skipScale;
    private readonly long _shots;
    private readonly int _sites;
    private int _site;
    private long _shot;

    /// <summary>Starts a walk over <paramref name="sites"/> × <paramref name="shots"/> trials of probability <paramref name="p"/> (0 &lt; p ≤ 1).</summary>
    public NoiseHits(double p, int sites, long shots, ref Xoshiro256StarStar rng)
    {
        // p = 1: −ln 0 = ∞, a scale of 0: every gap is 0.
        _skipScale = 1.0 / -SamplerTables.LogOneMinus(p);
        _shots = shots;
        _sites = sites;
        _site = 0;
        _shot = -1;
        Advance(ref rng);
    }

    /// <summary>Whether (<see cref="Site"/>, <see cref="Shot"/>) is a success inside the stream.</summary>
    public readonly bool Valid => _site < _sites;

    /// <summary>The site of the current success.</summary>
    public readonly int Site => _site;

    /// <summary>The shot of the current success.</summary>
    public readonly long Shot => _shot;

    /// <summary>Moves to the next success.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MoveNext(ref Xoshiro256StarStar rng) => Advance(ref rng);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance(ref Xoshiro256StarStar rng)
    {
        double gap = ExponentialZiggurat.Next(ref rng) * _skipScale;
        // Trials after the current one: the rest of this site, then whole sites.
        double remaining = (_shots - 1 - _shot) + (double)(_sites - 1 - _site) * _shots;
        if (!(gap < remaining))
        {
            _site = _sites; // past the end (also for a NaN gap)
            return;
        }
        _shot += 1 + (long)gap;
        if (_shot >= _shots)
        {
            if (_shot < 2 * _shots)
            {
                _shot -= _shots;
                _site++;
            }
            else
            {
                long sites = _shot / _shots;
                _site += (int)sites;
                _shot -= sites * _shots;
            }
        }
    }
}

using System.Runtime.CompilerServices;

namespace Qec.Circuits.Sampling;

/// <summary>
/// Walks the successes of a stream of independent Bernoulli(p) trials by geometric skips: the gap
/// before the next success is ⌊E / λ⌋ with E standard exponential and λ = −ln(1 − p), i.e.
/// ⌊ln U / ln(1 − p)⌋ with U uniform in (0, 1] (Devroye, "Non-Uniform Random Variate Generation",
/// 1986, §X.2). Work is proportional to the number of successes, so a noise channel of probability
/// 10⁻³ on n targets × S shots costs ≈ 10⁻³·n·S steps, not n·S.
/// </summary>
internal struct NoiseHits
{
    private readonly double _inverseRate;
    private readonly long _total;
    private long _next;
    private ulong _word;

    /// <summary>Starts a walk over <paramref name="total"/> trials of probability <paramref name="p"/> (0 &lt; p ≤ 1).</summary>
    public NoiseHits(double p, long total, NoisePool pool, VectorXoshiro random)
    {
        // p = 1: every gap is 0. (ln(1 − p) loses relative precision only for p below 1e-16 or so.)
        _inverseRate = p >= 1.0 ? 0.0 : -1.0 / Math.Log(1.0 - p);
        _total = total;
        _next = -1;
        _word = 0;
        MoveNext(pool, random);
    }

    /// <summary>The index of the current success, or a value ≥ total when the walk is over.</summary>
    public readonly long Current => _next;

    /// <summary>A random word for the current success, independent of where it is (e.g. to pick its Pauli).</summary>
    public readonly ulong Word => _word;

    /// <summary>Whether <see cref="Current"/> is a success inside the stream.</summary>
    public readonly bool Valid => _next < _total;

    /// <summary>Moves to the next success.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MoveNext(NoisePool pool, VectorXoshiro random)
    {
        double gap = pool.Next(random, out _word) * _inverseRate;
        long start = _next + 1;
        _next = !(gap < _total - start) ? _total : start + (long)gap;
    }
}

namespace Qec.Circuits.Sampling;

/// <summary>
/// Walks the successes of a stream of independent Bernoulli(p) trials by geometric skips: the gap
/// before the next success is ⌊E / λ⌋ with E standard exponential and λ = −ln(1 − p), i.e.
/// ⌊ln U / ln(1 − p)⌋ with U uniform in (0, 1] (Devroye, "Non-Uniform Random Variate Generation",
/// 1986, §X.2). Work is proportional to the number of successes, so a noise channel of probability
/// 10⁻³ on n targets × S shots costs ≈ 10⁻³·n·S steps, not n·S.
/// <para>
/// The successes come a block at a time (<see cref="NoisePool.Draw"/>): the walk's only loop-carried
/// work is one integer add per success, so the float multiply and conversion of successive gaps
/// overlap, and the caller applies a whole block with its channel's case chosen once.
/// </para>
/// </summary>
internal struct NoiseHits
{
    /// <summary>1 / ln(1 − p) (negative: gap = ln U · this ≥ 0), or 0 for p = 1 (every gap 0).</summary>
    public readonly double GapPerLog;

    /// <summary>Number of trials (a longer gap is clamped to it: it ends the walk either way).</summary>
    public readonly long Total;

    /// <summary>The last success drawn (−1 before the first); ≥ <see cref="Total"/> once the walk is over.</summary>
    public long Last;

    /// <summary>Starts a walk over <paramref name="total"/> trials of probability <paramref name="p"/> (0 &lt; p ≤ 1).</summary>
    public NoiseHits(double p, long total)
    {
        // (ln(1 − p) loses relative precision only for p below 1e-16 or so.)
        GapPerLog = p >= 1.0 ? 0.0 : 1.0 / Math.Log(1.0 - p);
        Total = total;
        Last = -1;
    }

    /// <summary>Whether successes may remain.</summary>
    public readonly bool Open => Last < Total;
}

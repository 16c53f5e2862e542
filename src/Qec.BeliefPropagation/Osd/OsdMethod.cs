namespace Qec.BeliefPropagation.Osd;

/// <summary>Which ordered-statistics post-processing runs when BP does not converge.</summary>
public enum OsdMethod
{
    /// <summary>OSD-0: the unique solution supported on the most reliable independent columns.</summary>
    Osd0 = 0,

    /// <summary>
    /// OSD-CS (combination sweep, Roffe, White, Burton &amp; Campbell, arXiv:2005.07016, sec. IV): OSD-0, then
    /// every single flip among the non-pivot columns and every pair among the first w of them.
    /// </summary>
    CombinationSweep = 1,
}

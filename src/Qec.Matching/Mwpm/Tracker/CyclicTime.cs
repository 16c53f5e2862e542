namespace Qec.Matching.Mwpm.Tracker;

/// <summary>
/// Comparisons on 32-bit cyclic times (Higgott &amp; Gidney, arXiv:2303.15933, §4: the event queue
/// stores times modulo 2^32). Time a is before time b iff fewer increments lead from a to b than
/// from b to a; so every pending event must lie within 2^31 of the present.
/// </summary>
internal static class CyclicTime
{
    private const uint Half = 0x8000_0000u;

    /// <summary>True when <paramref name="a"/> is cyclically strictly before <paramref name="b"/>.</summary>
    public static bool Less(uint a, uint b) => unchecked(b - a - 1) < Half - 1;

    /// <summary>True when <paramref name="a"/> is cyclically strictly after <paramref name="b"/>.</summary>
    public static bool Greater(uint a, uint b) => unchecked(a - b - 1) < Half - 1;

    /// <summary>The 64-bit time nearest to <paramref name="reference"/> whose low 32 bits are <paramref name="value"/>.</summary>
    public static long Widen(uint value, long reference)
    {
        uint r = unchecked((uint)reference);
        long result = reference + unchecked(value - r);
        if (Greater(r, value))
        {
            result -= 1L << 32;
        }
        return result;
    }
}

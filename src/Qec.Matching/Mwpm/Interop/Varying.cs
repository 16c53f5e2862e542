namespace Qec.Matching.Mwpm.Interop;

/// <summary>
/// A region radius that changes linearly in time with slope +1, 0 or −1 (paper §3.1: regions are
/// geometric dual variables; "add δ to every outer dual" costs nothing because each radius follows
/// its line). Packed in one long: the value &gt;&gt; 2 is the y-intercept, the low two bits the slope
/// (1 = growing, 2 = shrinking, 0 = frozen). A slope change re-bases the intercept so the radius
/// stays continuous.
/// </summary>
internal readonly struct Varying(long data)
{
    /// <summary>The packed representation.</summary>
    public readonly long Data = data;

    /// <summary>A region born now with radius 0, growing.</summary>
    public static Varying GrowingFromZeroAt(long time) => new(((-time) << 2) | 1);

    /// <summary>A frozen radius.</summary>
    public static Varying Frozen(long radius) => new(radius << 2);

    /// <summary>The y-intercept (for a frozen value, the value itself).</summary>
    public long YIntercept => Data >> 2;

    public bool IsGrowing => (Data & 1) != 0;

    public bool IsShrinking => (Data & 2) != 0;

    public bool IsFrozen => (Data & 3) == 0;

    /// <summary>The value at <paramref name="time"/>.</summary>
    public long At(long time) => (Data & 1) != 0 ? (Data >> 2) + time : (Data & 2) != 0 ? (Data >> 2) - time : Data >> 2;

    /// <summary>When a shrinking value reaches zero.</summary>
    public long TimeOfXInterceptForShrinking => Data >> 2;

    public Varying ThenGrowingAt(long time) => new(((At(time) - time) << 2) | 1);

    public Varying ThenShrinkingAt(long time) => new(((At(time) + time) << 2) | 2);

    public Varying ThenFrozenAt(long time) => new(At(time) << 2);

    /// <summary>The same line shifted up by a constant (slope unchanged).</summary>
    public Varying Plus(long offset) => new(Data + (offset << 2));

    /// <inheritdoc/>
    public override string ToString() => IsGrowing ? $"{YIntercept} + t" : IsShrinking ? $"{YIntercept} - t" : $"{YIntercept}";
}

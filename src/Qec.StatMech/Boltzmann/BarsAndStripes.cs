namespace Qec.StatMech.Boltzmann;

/// <summary>
/// The bars-and-stripes data set (MacKay 2003, ch. 43): n×n binary images (pixel r·n + c) whose rows are all equal
/// (stripes) or whose columns are all equal (bars). Without repeats there are 2^{n+1} − 2 (the blank and the full
/// image are both a bar and a stripe), so the best mean log-likelihood is −ln(2^{n+1} − 2).
/// </summary>
public static class BarsAndStripes
{
    /// <summary>The distinct patterns: stripes in order of their row mask, then the bars that are not also stripes.</summary>
    public static List<byte[]> Patterns(int size)
    {
        if (size < 1 || size > 8) throw new ArgumentOutOfRangeException(nameof(size), size, "bars-and-stripes side must be 1..8");
        var patterns = new List<byte[]>();
        for (var mask = 0; mask < 1 << size; mask++)
        {
            var stripes = new byte[size * size];
            for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                stripes[r * size + c] = (byte)((mask >> r) & 1);
            patterns.Add(stripes);
        }
        for (var mask = 1; mask < (1 << size) - 1; mask++)
        {
            var bars = new byte[size * size];
            for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                bars[r * size + c] = (byte)((mask >> c) & 1);
            patterns.Add(bars);
        }
        return patterns;
    }
}

namespace Qec.Generative.Layers;

/// <summary>
/// The causal (2k+1)×(2k+1) window of a PixelCNN (van den Oord, Kalchbrenner and Kavukcuoglu, "Pixel Recurrent
/// Neural Networks", ICML 2016, §3.5; van den Oord et al., "Conditional Image Generation with PixelCNN Decoders",
/// NeurIPS 2016) on an H×W lattice whose sites are numbered in raster order, site = row · W + column.
/// <para>
/// Taps are the window offsets (dy, dx) in raster order up to the centre: t = 0 … 2k²+2k−1 are the offsets
/// strictly before the centre — rows dy = −k … −1 with dx = −k … k, then dy = 0 with dx = −k … −1 — and the centre
/// (0, 0) is the last tap, t = 2k²+2k. Mask A (first layer) uses the taps before the centre, so site i sees only
/// sites j &lt; i; mask B (later layers) adds the centre, so site i sees sites j ≤ i. Taps falling outside the lattice
/// are zero padding (open boundary). Invariant: every tap's neighbour of site i has a raster index ≤ i, with equality
/// only for the centre tap — which is what makes a stack of one mask-A and any number of mask-B layers autoregressive.
/// </para>
/// <para>
/// <b>Periodic</b> (a torus, for lattices with periodic boundaries): the window wraps around, and a tap is kept for site i
/// exactly when its wrapped neighbour has a raster index &lt; i (or is i itself, the centre). Then every (2k+1)² offset
/// can be such a tap — the last rows' taps below the centre reach the first rows, the last columns' taps to the right
/// reach the first columns — so there are TapsB = (2k+1)² taps: the offsets in raster order without the centre, then the
/// centre last. The invariant above holds by construction, so a periodic stack is autoregressive too; what it adds is
/// that a site sees its wrapped neighbours once they are drawn (with zero padding the 2L bonds across the seams of an
/// L×L torus are outside every window, a floor on the KL divergence of a VAN).
/// </para>
/// <para>
/// For each site the in-bounds taps are listed once, in tap order: entries [Start[i], Start[i + 1]) of
/// <see cref="Tap"/> and <see cref="Neighbor"/>. The centre tap is always in bounds and always the last entry of a
/// site, so mask A's list is the same range minus its last entry.
/// </para>
/// </summary>
internal sealed class MaskedConv2dWindow
{
    /// <summary>Builds the window of half-width <paramref name="halfWidth"/> (k ≥ 0) on a
    /// <paramref name="height"/>×<paramref name="width"/> lattice, wrapping around when <paramref name="periodic"/>.</summary>
    public MaskedConv2dWindow(int height, int width, int halfWidth, bool periodic = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(halfWidth);
        Height = height;
        Width = width;
        HalfWidth = halfWidth;
        Periodic = periodic;
        int k = halfWidth;
        TapsB = periodic ? (2 * k + 1) * (2 * k + 1) : 2 * k * k + 2 * k + 1;
        OffsetY = new int[TapsB];
        OffsetX = new int[TapsB];
        int t = 0;
        for (int dy = -k; dy <= (periodic ? k : 0); dy++)
        {
            for (int dx = -k; dx <= (dy < 0 || periodic ? k : 0); dx++)
            {
                if (dy == 0 && dx == 0) continue;
                OffsetY[t] = dy;
                OffsetX[t] = dx;
                t++;
            }
        }
        // The centre is the last tap (OffsetY/OffsetX already 0 there).
        int sites = height * width;
        Start = new int[sites + 1];
        var tap = new List<int>();
        var neighbor = new List<int>();
        for (int site = 0; site < sites; site++)
        {
            Start[site] = tap.Count;
            int row = site / width, column = site % width;
            for (t = 0; t < TapsB; t++)
            {
                int r = row + OffsetY[t], c = column + OffsetX[t];
                if (periodic)
                {
                    r = ((r % height) + height) % height;
                    c = ((c % width) + width) % width;
                    int wrapped = r * width + c;
                    if (t != TapsB - 1 && wrapped >= site) continue;
                }
                else if (r < 0 || c < 0 || c >= width)
                {
                    continue;
                }
                tap.Add(t);
                neighbor.Add(r * width + c);
            }
        }
        Start[sites] = tap.Count;
        Tap = [.. tap];
        Neighbor = [.. neighbor];
    }

    /// <summary>H, the number of rows.</summary>
    public int Height { get; }

    /// <summary>W, the number of columns.</summary>
    public int Width { get; }

    /// <summary>Whether the window wraps around (a torus).</summary>
    public bool Periodic { get; }

    /// <summary>k: the window is (2k+1)×(2k+1).</summary>
    public int HalfWidth { get; }

    /// <summary>H·W, the number of sites.</summary>
    public int Sites => Height * Width;

    /// <summary>2k² + 2k + 1 (periodic: (2k+1)²), the taps of mask B (mask A has one fewer: no centre).</summary>
    public int TapsB { get; }

    /// <summary>The number of taps of a mask: 2k² + 2k for mask A, one more for mask B.</summary>
    public int Taps(bool maskA) => maskA ? TapsB - 1 : TapsB;

    /// <summary>dy of each tap (≤ 0 unless periodic).</summary>
    public int[] OffsetY { get; }

    /// <summary>dx of each tap.</summary>
    public int[] OffsetX { get; }

    /// <summary>Site i's in-bounds taps are entries [Start[i], Start[i + 1]).</summary>
    public int[] Start { get; }

    /// <summary>The tap index of each entry.</summary>
    public int[] Tap { get; }

    /// <summary>The neighbouring site (raster index) of each entry.</summary>
    public int[] Neighbor { get; }

    /// <summary>One past the last entry of <paramref name="site"/> for a mask: mask A drops the centre, the last entry.</summary>
    public int End(int site, bool maskA) => maskA ? Start[site + 1] - 1 : Start[site + 1];
}

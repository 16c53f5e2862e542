using Qec.StatMech.Models;

namespace Qec.StatMech.Variational;

/// <summary>
/// The L×L periodic square lattice with its sites relabelled for a local autoregressive model (PixelCNN): each coordinate
/// goes through the fold x ↦ 2x for x &lt; ⌈L/2⌉ and x ↦ 2(L − 1 − x) + 1 otherwise, so the ring 0, 1, …, L − 1, 0 visits
/// positions 0, 2, 4, …, 5, 3, 1, 0 and every bond, the wrap-around pair (L − 1, 0) included, joins sites at most 2 apart
/// in each coordinate. In raster order on the torus itself the 2L wrapped bonds join spins L − 1 sites or rows apart, out
/// of reach of a masked convolution with zero padding (on a 16×16 torus this alone did not explain PixelCNN's error;
/// bench/RESULTS.md). Same energies, same Z as <see cref="IsingModel.SquareLattice"/>.
/// </summary>
public static class FoldedTorus
{
    /// <summary>The folded position of coordinate <paramref name="x"/> on a ring of <paramref name="length"/>.</summary>
    public static int Fold(int x, int length) => x < (length + 1) / 2 ? 2 * x : 2 * (length - 1 - x) + 1;

    /// <summary>The ferromagnet with coupling <paramref name="coupling"/> on the L×L torus, site (r, c) at index
    /// Fold(r)·L + Fold(c).</summary>
    public static IsingModel Create(int length, double coupling = 1.0)
    {
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "a square lattice needs L ≥ 2");
        var couplings = new List<Coupling>(2 * length * length);
        for (var r = 0; r < length; r++)
        for (var c = 0; c < length; c++)
        {
            var site = Fold(r, length) * length + Fold(c, length);
            couplings.Add(new Coupling(site, Fold(r, length) * length + Fold((c + 1) % length, length), coupling));
            couplings.Add(new Coupling(site, Fold((r + 1) % length, length) * length + Fold(c, length), coupling));
        }
        return new IsingModel(length * length, couplings, null, $"square {length}x{length} periodic, folded");
    }
}

namespace Qec.TensorNetwork.Planar.Engine;

/// <summary>
/// Where everything of one shot's contraction lives in its double and int regions, fixed per compiled sweep and χ.
/// Bonds never exceed χ′ = min(χ, 2^⌊front/2⌋) (a bond of the chain can be no larger than the state space on either
/// side of it, and truncation caps it at χ), so a site takes at most 2χ′² doubles and the window tensor Θ
/// (χ′ × 2^w × χ′ for w window sites) at most 2^w χ′². The one-sided Jacobi SVD of Θ (see <see cref="JacobiSvd"/>)
/// needs a copy of it, the rotation of its short side (at most √|Θ| rows) and the singular values.
/// </summary>
/// <remarks>Doubles: sites | Θ | work | SVD matrix | SVD rotation | singular values | sector logs.
/// Ints: chain slot of each position | left bonds | right bonds | free slots.</remarks>
public readonly record struct BoundaryLayout(int Chi, int Capacity, int SiteSize, int ThetaSize, int ShortSide, int Observables)
{
    /// <summary>The layout for a sweep whose front holds at most <paramref name="capacity"/> sites and whose windows at most
    /// <paramref name="longestWindow"/>, at bond dimension <paramref name="chi"/>.</summary>
    public static BoundaryLayout For(int chi, int capacity, int longestWindow, int observables)
    {
        int naturalBits = Math.Min(capacity / 2, 20);
        int bond = (int)Math.Min(chi, 1L << naturalBits);
        // Θ also holds the read-out of the k observable sites: 2^(i+1)·χ′ entries after site i.
        int theta = Math.Max(checked(bond * bond << longestWindow), checked(2 * bond << observables));
        int shortSide = (int)Math.Sqrt(theta) + 1;
        return new BoundaryLayout(chi, Math.Max(capacity, 1), 2 * bond * bond, Math.Max(theta, 4), shortSide, observables);
    }

    /// <summary>Offset of site slot 0's tensor.</summary>
    public int Sites => 0;

    /// <summary>Offset of the first window buffer.</summary>
    public int ThetaA => Capacity * SiteSize;

    /// <summary>Offset of the second window buffer.</summary>
    public int ThetaB => ThetaA + ThetaSize;

    /// <summary>Offset of the SVD's working copy (short side × long side).</summary>
    public int SvdMatrix => ThetaB + ThetaSize;

    /// <summary>Offset of the SVD's accumulated rotation (short side squared).</summary>
    public int SvdRotation => SvdMatrix + ThetaSize;

    /// <summary>Offset of the singular values.</summary>
    public int SvdValues => SvdRotation + ShortSide * ShortSide;

    /// <summary>Offset of the observables' sector log factors ν_i.</summary>
    public int SectorLog => SvdValues + ShortSide;

    /// <summary>Doubles per shot.</summary>
    public int DoubleLength => SectorLog + Math.Max(Observables, 1);

    /// <summary>Offset (ints) of the slot table: chain position → site slot.</summary>
    public int SlotOf => 0;

    /// <summary>Offset (ints) of the left bonds, by chain position.</summary>
    public int LeftBond => Capacity;

    /// <summary>Offset (ints) of the right bonds, by chain position.</summary>
    public int RightBond => 2 * Capacity;

    /// <summary>Offset (ints) of the stack of free slots.</summary>
    public int FreeSlots => 3 * Capacity;

    /// <summary>Ints per shot.</summary>
    public int IntLength => 4 * Capacity;
}

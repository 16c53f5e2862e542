namespace Qec.Circuits.Analysis;

/// <summary>
/// Turns Pauli channels into independent mechanisms, as detector error models require. With
/// independent X-type and Z-type mechanisms of probability q each (the Y case is both firing), a
/// channel fires X, Y or Z with probability q(1−q) each, so DEPOLARIZE1(p) (p/3 each) needs
/// (1−2q)² = 1 − 4p/3, i.e. q = ½ − ½√(1 − 4p/3); DEPOLARIZE2(p) over the 15 two-qubit Paulis needs
/// (1−2q)⁸ = 1 − 16p/15. Evaluated in Stim's order of operations so the doubles match Stim's.
/// </summary>
internal static class IndependentChannels
{
    /// <summary>Largest DEPOLARIZE1 probability that is not over-mixing.</summary>
    public const double MaxDepolarize1 = 0.75;

    /// <summary>Largest DEPOLARIZE2 probability that is not over-mixing.</summary>
    public const double MaxDepolarize2 = 15.0 / 16.0;


    /// <summary>q with (1−2q)² = 1 − 4p/3, for p ≤ 3/4.</summary>
    public static double Depolarize1(double p) => HalfMinusHalf(Math.Sqrt(1 - (4 * p) / 3));

    /// <summary>q with (1−2q)⁸ = 1 − 16p/15, for p ≤ 15/16.</summary>
    public static double Depolarize2(double p) => HalfMinusHalf(Math.Pow(1 - (16 * p) / 15, 0.125));

    /// <summary>
    /// ½ − ½·s as one fused multiply-add, as GCC contracts Stim's <c>0.5 - 0.5 * s</c> when it contracts
    /// the merge formula (which the reference DEMs prove it does). For the reference probabilities
    /// the fused and unfused forms give the same doubles, so the data cannot tell them apart.
    /// </summary>
    private static double HalfMinusHalf(double s) => Math.FusedMultiplyAdd(-0.5, s, 0.5);

    /// <summary>
    /// Independent X, Y, Z probabilities (a, b, c) whose combination fires exactly X, Y, Z with the
    /// disjoint probabilities (x, y, z): x = a(1−b)(1−c) + (1−a)bc and cyclically. Solved in closed
    /// form when x+y, x+z, y+z &lt; ½ (a = ½ − ½·√(1−2x−2z)√(1−2x−2y)/√(1−2y−2z), …); returns false when
    /// no exact independent decomposition exists (Stim then requires --approximate_disjoint_errors).
    /// Channels where the identity is not the likeliest case are reflected first, as Stim does.
    /// </summary>
    public static bool TryDisjointToIndependent(double x, double y, double z, out double a, out double b, out double c)
    {
        double i = Math.Max(0.0, 1.0 - x - y - z);
        if (i < x)
        {
            bool r = TryDisjointToIndependent(i, z, y, out a, out b, out c);
            a = 1 - a;
            return r;
        }
        if (i < y)
        {
            bool r = TryDisjointToIndependent(z, i, x, out a, out b, out c);
            b = 1 - b;
            return r;
        }
        if (i < z)
        {
            bool r = TryDisjointToIndependent(y, x, i, out a, out b, out c);
            c = 1 - c;
            return r;
        }
        if (x + z < 0.5 && x + y < 0.5 && y + z < 0.5)
        {
            double sxz = Math.Sqrt(1 - 2 * x - 2 * z);
            double sxy = Math.Sqrt(1 - 2 * x - 2 * y);
            double syz = Math.Sqrt(1 - 2 * y - 2 * z);
            a = HalfMinusHalf(sxz * sxy / syz);
            b = HalfMinusHalf(sxy * syz / sxz);
            c = HalfMinusHalf(sxz * syz / sxy);
            if (a >= 0 && b >= 0 && c >= 0)
            {
                return true;
            }
        }
        a = b = c = 0;
        return false;
    }
}

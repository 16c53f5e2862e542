namespace Qec.StatMech.Exact;

/// <summary>
/// Exact ln Z of the periodic square-lattice Ising ferromagnet (J = 1, no field) on a finite torus of
/// <c>columns</c> × <c>rows</c> sites, by Kaufman's formula (B. Kaufman, Phys. Rev. 76, 1232 (1949); in the form of
/// Ferdinand &amp; Fisher, Phys. Rev. 185, 832 (1969), eq. 2.1–2.4), with n = columns, m = rows:
/// <code>
/// Z = ½ (2 sinh 2β)^{nm/2} (Z₁ + Z₂ + Z₃ + Z₄),
///   Z₁ = Π_{r=0}^{n−1} 2 cosh(m γ_{2r+1} / 2),   Z₂ = Π_{r=0}^{n−1} 2 sinh(m γ_{2r+1} / 2),
///   Z₃ = Π_{r=0}^{n−1} 2 cosh(m γ_{2r} / 2),     Z₄ = Π_{r=0}^{n−1} 2 sinh(m γ_{2r} / 2),
///   cosh γ_l = cosh 2β coth 2β − cos(π l / n)  (γ_l &gt; 0 for l ≠ 0),   γ₀ = 2β + ln tanh β  (signed).
/// </code>
/// γ₀ = 2(β − β*) with β* the dual coupling, so γ₀ &lt; 0 above T_c and then Z₄ &lt; 0: each Zᵢ is kept as a sign
/// and ln|Zᵢ|, and the four are added by a signed log-sum-exp (Z₁ ≥ |Z₂| and Z₃ ≥ |Z₄|, so the sum is positive and
/// never cancels to below Z₁).
/// </summary>
public static class Kaufman
{
    /// <summary>ln Z of the L × L periodic lattice at <paramref name="beta"/> &gt; 0 (finite).</summary>
    public static double LogPartition(int length, double beta) => LogPartition(length, length, beta);

    /// <summary>ln Z of the <paramref name="columns"/> × <paramref name="rows"/> periodic lattice (each ≥ 2; a side of
    /// 2 has every bond across it doubled, as <see cref="Models.IsingModel.SquareLattice"/> builds it) at
    /// <paramref name="beta"/> &gt; 0 (finite).</summary>
    public static double LogPartition(int columns, int rows, double beta)
    {
        if (columns < 2) throw new ArgumentOutOfRangeException(nameof(columns), columns, "the torus needs at least 2 columns");
        if (rows < 2) throw new ArgumentOutOfRangeException(nameof(rows), rows, "the torus needs at least 2 rows");
        if (!double.IsFinite(beta) || beta <= 0)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be finite and > 0 (Kaufman's prefactor has ln sinh 2β)");
        var n = columns;
        var m = (double)rows;
        Span<double> logAbs = stackalloc double[4];
        Span<int> sign = stackalloc int[4];
        for (var i = 0; i < 4; i++) sign[i] = 1;
        for (var r = 0; r < n; r++)
        {
            var odd = Gamma(2 * r + 1, n, beta);
            var even = Gamma(2 * r, n, beta);
            logAbs[0] += LogTwoCosh(0.5 * m * odd);
            logAbs[1] += LogAbsTwoSinh(0.5 * m * odd, ref sign[1]);
            logAbs[2] += LogTwoCosh(0.5 * m * even);
            logAbs[3] += LogAbsTwoSinh(0.5 * m * even, ref sign[3]);
        }
        // ln(2 sinh 2β) = 2β + ln(1 − e^{−4β}).
        var prefactor = -Math.Log(2) + 0.5 * n * m * (2 * beta + Math.Log(-double.ExpM1(-4 * beta)));
        return prefactor + SignedLogSum(logAbs, sign);
    }

    /// <summary>Free energy per site f = −ln Z / (β L²) of the L × L periodic lattice.</summary>
    public static double FreeEnergyPerSite(int length, double beta) => -LogPartition(length, beta) / (beta * length * length);

    /// <summary>γ_l; for l ≠ 0, cosh γ_l = 1 + d with d = (s − 1)²/s + 2 sin²(πl/2n), s = sinh 2β (exact: cosh 2β coth 2β
    /// = s + 1/s), so acosh(1 + d) = ln(1 + d + √(d(2 + d))) keeps its digits when d is small (near β_c, small l).</summary>
    private static double Gamma(int l, int n, double beta)
    {
        if (l == 0) return 2 * beta + Math.Log(Math.Tanh(beta));
        var s = Math.Sinh(2 * beta);
        var half = Math.Sin(Math.PI * l / (2.0 * n));
        var d = (s - 1) * ((s - 1) / s) + 2 * half * half;
        return Math.Log(1 + d + Math.Sqrt(d * (2 + d)));
    }

    /// <summary>ln(2 cosh x) = |x| + ln(1 + e^{−2|x|}).</summary>
    private static double LogTwoCosh(double x)
    {
        var a = Math.Abs(x);
        return a + Math.Log(1 + Math.Exp(-2 * a));
    }

    /// <summary>ln|2 sinh x| = |x| + ln(1 − e^{−2|x|}); multiplies <paramref name="sign"/> by sign(x). −∞ at x = 0.</summary>
    private static double LogAbsTwoSinh(double x, ref int sign)
    {
        if (x < 0) sign = -sign;
        var a = Math.Abs(x);
        return a == 0 ? double.NegativeInfinity : a + Math.Log(-double.ExpM1(-2 * a));
    }

    /// <summary>ln Σ sᵢ e^{ℓᵢ} for a positive sum, scaled by the largest ℓᵢ.</summary>
    private static double SignedLogSum(ReadOnlySpan<double> logAbs, ReadOnlySpan<int> sign)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logAbs) max = Math.Max(max, l);
        var sum = 0.0;
        for (var i = 0; i < logAbs.Length; i++) sum += sign[i] * Math.Exp(logAbs[i] - max);
        return max + Math.Log(sum);
    }
}

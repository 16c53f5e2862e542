namespace Qec.StatMech.Exact;

/// <summary>
/// Onsager's free energy of the infinite square-lattice Ising ferromagnet with J = 1 and no field (Onsager 1944).
/// The double integral reduces to one (e.g. Huang, Statistical Mechanics, eq. 15.49):
/// ln Z / N = ln(2 cosh 2β) + (1/π) ∫_0^{π/2} ln[½(1 + √(1 − k² sin²θ))] dθ, with k = 2 sinh 2β / cosh² 2β ≤ 1
/// (k = 1 exactly at β_c). Near β_c the integrand has a near-singularity at θ = π/2 (distance ~ √(1 − k)), which
/// the adaptive Gauss–Legendre rule resolves by bisection.
/// </summary>
public static class Onsager
{
    /// <summary>The critical coupling β_c = ½ ln(1 + √2), where sinh 2β_c = 1.</summary>
    public static readonly double CriticalBeta = 0.5 * Math.Log(1 + Math.Sqrt(2));

    /// <summary>ln Z / N in the thermodynamic limit at inverse temperature <paramref name="beta"/> (finite, ≥ 0),
    /// accurate to about 1e-13.</summary>
    public static double LogPartitionPerSite(double beta)
    {
        if (!double.IsFinite(beta) || beta < 0)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be finite and ≥ 0");
        if (beta == 0) return Math.Log(2);
        // With u = e^{−2β}: k = 2 sinh 2β / cosh² 2β = 4u(1 − u²)/(1 + u²)² and 1 − k = (sinh 2β − 1)²/cosh² 2β
        // = (1 − u² − 2u)²/(1 + u²)² exactly, so 1 − k² sin²θ = (1 − k)(1 + k) + k² cos²θ keeps its digits near β_c
        // and θ = π/2, and nothing overflows at large β.
        var u = Math.Exp(-2 * beta);
        var denominator = (1 + u * u) * (1 + u * u);
        var k = 4 * u * (1 - u * u) / denominator;
        var oneMinusK = (1 - u * u - 2 * u) * (1 - u * u - 2 * u) / denominator;
        var k2 = k * k;
        var integral = GaussLegendre.Integrate(theta =>
        {
            var c = Math.Cos(theta);
            return Math.Log(0.5 * (1 + Math.Sqrt(oneMinusK * (1 + k) + k2 * c * c)));
        }, 0, Math.PI / 2, 1e-15);
        // ln(2 cosh 2β) = 2β + ln(1 + e^{−4β}), stable for large β.
        return 2 * beta + Math.Log(1 + Math.Exp(-4 * beta)) + integral / Math.PI;
    }

    /// <summary>Free energy per site f = −ln Z / (βN) at <paramref name="beta"/> &gt; 0.</summary>
    public static double FreeEnergyPerSite(double beta)
    {
        if (!(beta > 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be > 0 for f = −ln Z/(βN)");
        return -LogPartitionPerSite(beta) / beta;
    }
}

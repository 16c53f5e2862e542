using Qec.Gpu;

namespace Qec.BeliefPropagation.Relay;

/// <summary>
/// Settings of Relay-BP (Müller, Alexander, Beverland, Bühler, Johnson, Maurer, Vandeth, "Improved belief
/// propagation is sufficient for real-time decoding of quantum memory", arXiv:2506.01779, 2025). A plain
/// struct of numbers so that it can be passed to an ILGPU kernel unchanged. The defaults are the
/// paper's bivariate-bicycle setting as shipped in its reference implementation (trmue/relay):
/// first leg of 80 iterations with uniform memory γ0 = 0.125, then up to 300 legs of 60 iterations
/// with disordered γ_v ~ U[−0.24, 0.66], stopping after 5 solutions (Relay-BP-S with S = 5).
/// </summary>
/// <param name="Gamma0">Uniform memory strength of the first leg.</param>
/// <param name="FirstLegIterations">Iterations of the first leg (T0).</param>
/// <param name="Legs">Relay legs after the first (R).</param>
/// <param name="LegIterations">Iterations of each relay leg (Tr).</param>
/// <param name="GammaMin">Lower end of the disordered memory strengths (may be negative).</param>
/// <param name="GammaMax">Upper end of the disordered memory strengths.</param>
/// <param name="Solutions">Stop after this many legs ended with a decision that satisfies the syndrome (S).</param>
/// <param name="Seed">Seed of the memory strengths: leg r's γ_v is a fixed function of (seed, r, v), the same for every shot and device.</param>
public readonly record struct RelaySettings(double Gamma0, int FirstLegIterations, int Legs, int LegIterations,
    double GammaMin, double GammaMax, int Solutions, ulong Seed)
{
    /// <summary>The paper's bivariate-bicycle setting (see the type's remarks).</summary>
    public static RelaySettings Default => new(0.125, 80, 300, 60, -0.24, 0.66, 5, 0);

    /// <summary>
    /// Memory strength of variable v in leg r ≥ 1 of a graph with n variables: uniform on
    /// [GammaMin, GammaMax) from a SplitMix64 hash of (seed, r·n + v) (Steele, Lea &amp; Flood 2014), so
    /// no table is stored and every device draws the same values.
    /// </summary>
    public double MemoryStrength(int leg, int variable, int numVariables)
    {
        ulong z = Seed + ((ulong)leg * (ulong)numVariables + (ulong)variable + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        double unit = DeviceMath.Multiply(z >> 11, 1.0 / 9007199254740992.0);
        return GammaMin + DeviceMath.Multiply(GammaMax - GammaMin, unit);  // rounded alike on every device
    }
}

using System.Numerics;

namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// The gate set of Google's random circuits (Arute et al., "Quantum supremacy using a programmable
/// superconducting processor", Nature 574, 505 (2019), Fig. 3 and Supplementary Information): the single-qubit
/// rotations √X = R_X(π/2), √Y = R_Y(π/2), √W = R_W(π/2) with W = (X + Y)/√2, and the two-qubit fSim(θ, φ)
/// (Foxen et al., PRL 125, 120504 (2020)) or CZ. Matrices are row-major; each call returns a fresh array.
/// </summary>
public static class GateMatrices
{
    private static readonly double Half = 1 / Math.Sqrt(2);

    /// <summary>√X = R_X(π/2) = (1/√2)[[1, −i], [−i, 1]].</summary>
    public static Complex[] SqrtX() => [Half, new(0, -Half), new(0, -Half), Half];

    /// <summary>√Y = R_Y(π/2) = (1/√2)[[1, −1], [1, 1]].</summary>
    public static Complex[] SqrtY() => [Half, -Half, Half, Half];

    /// <summary>√W = R_W(π/2) = (1/√2)[[1, −√i], [√−i, 1]], W = (X + Y)/√2; √i = e^{iπ/4}.</summary>
    public static Complex[] SqrtW() =>
        [Half, -Half * Complex.FromPolarCoordinates(1, Math.PI / 4), Half * Complex.FromPolarCoordinates(1, -Math.PI / 4), Half];

    /// <summary>
    /// fSim(θ, φ) = [[1, 0, 0, 0], [0, cos θ, −i sin θ, 0], [0, −i sin θ, cos θ, 0], [0, 0, 0, e^{−iφ}]]:
    /// an iSWAP-like swap of |01⟩ and |10⟩ by θ and a conditional phase φ on |11⟩.
    /// </summary>
    public static Complex[] FSim(double theta, double phi)
    {
        var c = new Complex(Math.Cos(theta), 0);
        var s = new Complex(0, -Math.Sin(theta));
        return [1, 0, 0, 0,
                0, c, s, 0,
                0, s, c, 0,
                0, 0, 0, Complex.FromPolarCoordinates(1, -phi)];
    }

    /// <summary>fSim(π/2, π/6): Sycamore's nominal two-qubit gate (the calibrated angles were close to these).</summary>
    public static Complex[] SycamoreFSim() => FSim(Math.PI / 2, Math.PI / 6);

    /// <summary>CZ = diag(1, 1, 1, −1) = fSim(0, π).</summary>
    public static Complex[] Cz() => [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1];
}

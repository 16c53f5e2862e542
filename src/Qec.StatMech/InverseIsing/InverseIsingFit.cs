namespace Qec.StatMech.InverseIsing;

/// <summary>An iterative inverse-Ising estimate: the couplings J (symmetric, zero diagonal) and fields h of the weight
/// exp(β Σ_{i&lt;j} J_ij s_i s_j + β Σ h_i s_i), and how the iteration ended.</summary>
/// <param name="Couplings">J, already divided by β.</param>
/// <param name="Fields">h, already divided by β.</param>
/// <param name="Iterations">Newton or gradient steps taken.</param>
/// <param name="Converged">True when the stopping tolerance was met.</param>
/// <param name="Residual">Pseudo-likelihood: the largest Newton step; moment matching: the largest moment mismatch.</param>
public sealed record InverseIsingFit(double[,] Couplings, double[] Fields, int Iterations, bool Converged, double Residual);

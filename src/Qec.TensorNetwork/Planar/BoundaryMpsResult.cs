namespace Qec.TensorNetwork.Planar;

/// <summary>
/// What the truncations of one boundary-MPS contraction threw away.
/// </summary>
/// <param name="DiscardedWeight">
/// Σ over truncating SVDs of Σ_{i ≥ kept} s_i² / Σ_i s_i²: each term is the squared relative 2-norm error
/// that truncation added to the (normalized) boundary state, so the sum bounds the state's accumulated
/// squared relative error to first order. The state is the stored one, in which each observable's two
/// sectors are rescaled to equal norm whenever its site is updated, so an unlikely class counts as much
/// as a likely one. 0 when nothing was dropped; includes the numerically-zero singular values (below
/// <c>1e-13</c> of the largest) that are always dropped, which contribute ≲ 1e-26 each.
/// </param>
/// <param name="Truncations">Number of SVDs that dropped anything.</param>
/// <param name="Decompositions">
/// Number of SVDs run: window splits and centre moves, except splits where the bond may simply grow
/// (2·D ≤ χ), which keep an identity factor instead.
/// </param>
public readonly record struct BoundaryMpsResult(double DiscardedWeight, int Truncations, int Decompositions)
{
    /// <summary>True when no truncation dropped more than the numerically-zero tail: the class weights are exact up to rounding.</summary>
    public bool IsExact => DiscardedWeight < 1e-20;
}

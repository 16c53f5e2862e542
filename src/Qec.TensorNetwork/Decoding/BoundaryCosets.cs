using Qec.TensorNetwork.Planar;

namespace Qec.TensorNetwork.Decoding;

/// <summary><see cref="ICosetSolver"/> of boundary mode: the class weights of <see cref="BoundaryMpsCosets"/> (approximate for small χ).</summary>
internal sealed class BoundaryCosets(BoundaryMpsCosets cosets) : ICosetSolver
{
    /// <inheritdoc/>
    public int NumObservables => cosets.NumObservables;

    /// <inheritdoc/>
    public double Solve(ReadOnlySpan<byte> syndrome, Span<double> logWeights) => cosets.Compute(syndrome, logWeights).DiscardedWeight;
}

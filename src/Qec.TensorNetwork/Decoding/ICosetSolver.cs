namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// Computes the logarithm of the weight of every logical class of a syndrome, ln W(c | s) with
/// W(c | s) = Σ_{e : He = s, Le = c} P(e) (−∞ for an impossible class). Bit o of class c is observable
/// o. One instance per thread: it owns its workspace.
/// </summary>
public interface ICosetSolver
{
    /// <summary>Observables k (2^k classes).</summary>
    int NumObservables { get; }

    /// <summary>Fills <paramref name="logWeights"/> (2^k entries) for a b8-packed syndrome; returns the weight discarded by approximations (0 when exact).</summary>
    double Solve(ReadOnlySpan<byte> syndrome, Span<double> logWeights);
}

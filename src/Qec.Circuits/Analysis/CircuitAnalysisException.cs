namespace Qec.Circuits.Analysis;

/// <summary>
/// A circuit that parses but cannot be turned into a detector error model: a non-deterministic
/// detector or observable, an over-mixing channel, a channel needing approximation. The message
/// names the instruction (source, line, column) and the detectors/observables involved.
/// </summary>
public sealed class CircuitAnalysisException : Exception
{
    /// <summary>Creates the error.</summary>
    public CircuitAnalysisException(string message) : base(message)
    {
    }
}

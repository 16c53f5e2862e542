using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Core.Dem;

namespace Qec.Server.Sessions;

/// <summary>
/// The one place a Stim circuit becomes the detector error model a decoder is compiled from, shared
/// by the daemon (<c>circuit_text</c>) and every CLI command that takes <c>--circuit</c>.
/// </summary>
public static class CircuitModels
{
    /// <summary>
    /// Analyzes <paramref name="circuit"/> as <c>stim analyze_errors --decompose_errors</c> (what matching
    /// decoders need). When Stim would refuse the decomposition but the circuit itself is fine, the
    /// undecomposed model is returned and <paramref name="note"/> says so: decoders that take hyperedges
    /// (bposd, uf on hypergraphs, tn) can use it, matching decoders then refuse it with their own error.
    /// Any other analysis error (non-deterministic detector, …) is thrown as <see cref="CircuitAnalysisException"/>.
    /// </summary>
    public static DetectorErrorModel ForDecoding(Circuit circuit, out string? note)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        try
        {
            note = null;
            return ErrorAnalyzer.Analyze(circuit, decomposeErrors: true);
        }
        catch (CircuitAnalysisException decomposition)
        {
            // Re-analysing without decomposition tells a refused decomposition (this succeeds) from a bad
            // circuit (this throws the circuit's own error, which is the one to report).
            var plain = ErrorAnalyzer.Analyze(circuit, decomposeErrors: false);
            note = "the circuit's errors cannot be decomposed into graph-like pieces (" + decomposition.Message.ReplaceLineEndings(" ")
                   + "); using the undecomposed model, which only decoders that accept hyperedges can take";
            return plain;
        }
    }
}

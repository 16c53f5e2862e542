using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Decoders;

/// <summary>
/// Factory of one BP-family decoder (bp, bposd or relaybp). Any detector error model: columns are the
/// error mechanisms of <see cref="CheckMatrix"/> ('^' separators ignored, hyperedges welcome).
/// </summary>
public sealed class BpDecoderFactory(BpDecoderKind kind) : IDecoderFactory
{
    /// <summary>Which decoder this factory compiles.</summary>
    public BpDecoderKind Kind { get; } = kind;

    /// <inheritdoc/>
    public string Name => BpDecoderOptions.NameOf(Kind);

    /// <inheritdoc/>
    public string Description => Kind switch
    {
        BpDecoderKind.Bp => "belief propagation (min-sum or sum-product, flooding or layered) on the check matrix; any DEM, hyperedges allowed",
        BpDecoderKind.BpOsd => "BP + ordered-statistics decoding (OSD-0 / OSD-CS order w, as ldpc) when BP does not converge; qLDPC and circuit-level DEMs",
        _ => "Relay-BP (Müller et al. 2025): memory BP with disordered memory strengths, relayed legs, lightest of S solutions",
    };

    /// <inheritdoc/>
    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = BpDecoderOptions.Parse(Kind, options);
        return BpCompiledDecoder.Compile(CheckMatrix.From(model), parsed);
    }
}

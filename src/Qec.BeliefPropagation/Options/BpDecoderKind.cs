namespace Qec.BeliefPropagation.Options;

/// <summary>The three decoders of this project.</summary>
public enum BpDecoderKind
{
    /// <summary><c>bp</c>: belief propagation alone.</summary>
    Bp,

    /// <summary><c>bposd</c>: BP, then ordered-statistics decoding when BP does not converge.</summary>
    BpOsd,

    /// <summary><c>relaybp</c>: Relay-BP.</summary>
    RelayBp,
}

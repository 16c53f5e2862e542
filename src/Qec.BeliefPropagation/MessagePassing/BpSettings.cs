namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>How a check turns incoming messages into outgoing ones.</summary>
public enum BpMethod
{
    /// <summary>Min-sum: sign parity times the smallest other magnitude, scaled (normalized min-sum).</summary>
    MinSum = 0,

    /// <summary>Sum-product: 2·atanh of the product of tanh(m/2) of the other messages (exact on trees).</summary>
    SumProduct = 1,
}

/// <summary>The order in which messages are updated within one iteration.</summary>
public enum BpSchedule
{
    /// <summary>Flooding (parallel): every check, then every variable.</summary>
    Flooding = 0,

    /// <summary>Serial (layered, check by check; Hocevar 2004): each check sees the posteriors the checks before it updated.</summary>
    Layered = 1,
}

/// <summary>
/// Settings of one belief-propagation run. A plain struct of numbers so that it can be passed to an
/// ILGPU kernel unchanged.
/// </summary>
/// <param name="Method">Check update rule.</param>
/// <param name="Schedule">Update order.</param>
/// <param name="Scaling">Min-sum scaling factor α (ldpc's ms_scaling_factor); 0 = adaptive α_t = 1 − 2^(−t) at iteration t.</param>
/// <param name="MaxIterations">Iterations before giving up (early stop as soon as the decision satisfies the syndrome).</param>
public readonly record struct BpSettings(BpMethod Method, BpSchedule Schedule, double Scaling, int MaxIterations)
{
    /// <summary>ldpc v2's defaults as used for the reference numbers: min-sum, flooding, α = 0.625, 100 iterations.</summary>
    public static BpSettings Default => new(BpMethod.MinSum, BpSchedule.Flooding, 0.625, 100);

    /// <summary>α at iteration t (1-based).</summary>
    public double ScalingAt(int iteration) => Scaling != 0 ? Scaling : iteration >= 62 ? 1.0 : 1.0 - 1.0 / (1L << iteration);
}

using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// Exact class weights by contracting the <see cref="ParityNetwork"/> of a model along one plan made
/// once per model (the networks of all shots share a shape). One instance per thread.
/// </summary>
public sealed class ExactCosets : ICosetSolver
{
    private readonly ParityNetwork _network;
    private readonly PlanExecutor<double> _executor;
    private readonly double[][] _inputs;

    /// <summary>A solver for <paramref name="network"/> along <paramref name="plan"/> (made for its shape).</summary>
    public ExactCosets(ParityNetwork network, ContractionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(plan);
        _network = network;
        _executor = plan.CreateExecutor<double>();
        _inputs = new double[network.Shape.Count][];
    }

    /// <inheritdoc/>
    public int NumObservables => _network.NumObservables;

    /// <inheritdoc/>
    public double Solve(ReadOnlySpan<byte> syndrome, Span<double> logWeights)
    {
        _network.Bind(syndrome, _inputs);
        var (values, logScale) = _executor.Contract(_inputs);
        for (int c = 0; c < logWeights.Length; c++)
        {
            logWeights[c] = values[c] > 0 ? Math.Log(values[c]) + logScale : double.NegativeInfinity;
        }
        return 0;
    }
}

using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// Contracts the Ising networks of one <see cref="CosetSpinGlass"/> along its plan: ln Z of a
/// <see cref="RandomBondIsingModel"/> at β = 1. Owns its tensors and workspace; not thread-safe.
/// </summary>
public sealed class IsingContraction
{
    private readonly CosetSpinGlass _glass;
    private readonly PlanExecutor<double> _executor;
    private readonly double[][] _inputs;

    internal IsingContraction(CosetSpinGlass glass)
    {
        _glass = glass;
        _executor = glass.Plan.CreateExecutor<double>();
        var shape = glass.Shape;
        _inputs = new double[shape.Count][];
        for (int t = 0; t < shape.Count; t++)
        {
            // Spin-term tensors are overwritten per model; the rest (free spins, the empty network) stay ones.
            _inputs[t] = IsingNetwork.Ones((int)shape.Size(shape.TensorIndices[t]));
        }
    }

    /// <summary>
    /// ln Z = ln Σ_σ e^{−H(σ)} of <paramref name="model"/>, a model of this spin glass: the contraction's value
    /// and log scale, plus the e^{|K|} factored out of each tensor, plus the constant terms K of qubits on no spin.
    /// </summary>
    public double LogPartitionFunction(RandomBondIsingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.NumSpins != _glass.NumSpins || model.Terms.Count != _glass.TensorOfQubit.Length)
        {
            throw new ArgumentException($"a model of {model.NumSpins} spins and {model.Terms.Count} terms is not one of this spin glass ({_glass.NumSpins} spins, {_glass.TensorOfQubit.Length} qubits)");
        }
        double logFactors = 0;
        for (int q = 0; q < model.Terms.Count; q++)
        {
            double coupling = model.Terms[q].Coupling;
            int t = _glass.TensorOfQubit[q];
            if (t < 0)
            {
                logFactors += coupling;  // e^{K·1}: no spin, τ = +1
                continue;
            }
            IsingNetwork.Fill(coupling, _inputs[t]);
            logFactors += Math.Abs(coupling);
        }
        var (values, logScale) = _executor.Contract(_inputs);
        return Math.Log(values[0]) + logScale + logFactors;
    }
}

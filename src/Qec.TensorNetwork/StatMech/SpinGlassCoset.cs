namespace Qec.TensorNetwork.StatMech;

/// <summary>One logical class of a syndrome seen as a spin glass: its model, partition function and free energy.</summary>
/// <param name="LogicalClass">The class c (bit o = observable o).</param>
/// <param name="Model">The random-bond Ising model of the coset; null when no error has this syndrome and class.</param>
/// <param name="LogPartitionFunction">ln Z at β = 1 (−∞ for an impossible class).</param>
/// <param name="LogWeight">ln W(c | s) = ln Z + <see cref="RandomBondIsingModel.LogProbabilityOffset"/>: the coset's probability.</param>
public sealed record SpinGlassCoset(int LogicalClass, RandomBondIsingModel? Model, double LogPartitionFunction, double LogWeight)
{
    /// <summary>F = −ln Z / β, β = 1 (+∞ for an impossible class).</summary>
    public double FreeEnergy => -LogPartitionFunction / RandomBondIsingModel.Beta;

    /// <summary>F per spin (NaN for a model without spins).</summary>
    public double FreeEnergyPerSpin => Model is { NumSpins: > 0 } m ? FreeEnergy / m.NumSpins : double.NaN;
}

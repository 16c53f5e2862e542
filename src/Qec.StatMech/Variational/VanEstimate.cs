namespace Qec.StatMech.Variational;

/// <summary>
/// The variational free energy of a trained network at β from <paramref name="Samples"/> fresh samples, per spin:
/// F_q/n = mean(R)/(βn) with R = ln q(s) + βE(s), an unbiased estimate of F_q = Σ q(s)[E(s) + ln q(s)/β] ≥ F
/// (the Gibbs–Bogoliubov bound: F_q − F = KL(q‖p)/β).
/// </summary>
/// <param name="Beta">β.</param>
/// <param name="Size">n, the spins.</param>
/// <param name="FreeEnergyPerSpin">mean(R)/(βn).</param>
/// <param name="StandardError">sd(R)/(βn√M) over the M samples.</param>
/// <param name="EnergyPerSpin">mean E(s)/n.</param>
/// <param name="EntropyPerSpin">−mean ln q(s)/n, the network's entropy per spin.</param>
/// <param name="LossVariance">Var R over the samples: zero exactly when q = p (every sample then has R = −ln Z).</param>
/// <param name="Samples">M.</param>
public readonly record struct VanEstimate(double Beta, int Size, double FreeEnergyPerSpin, double StandardError, double EnergyPerSpin,
    double EntropyPerSpin, double LossVariance, int Samples)
{
    /// <summary>The estimate of ln Z implied by F_q: −βn F_q/n (a lower bound on ln Z up to sampling error).</summary>
    public double LogPartition => -Beta * Size * FreeEnergyPerSpin;
}

/// <summary>One training step as reported to a progress callback.</summary>
/// <param name="Epoch">Step t (1-based).</param>
/// <param name="Beta">The annealed β_t used in this step.</param>
/// <param name="FreeEnergyPerSpin">mean(R)/(β_t n) of this step's batch.</param>
/// <param name="LossVariance">Var R of this step's batch.</param>
/// <param name="GradientNorm">The global gradient norm before clipping.</param>
public readonly record struct VanEpoch(int Epoch, double Beta, double FreeEnergyPerSpin, double LossVariance, double GradientNorm);

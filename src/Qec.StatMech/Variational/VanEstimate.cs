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
/// <param name="ReweightedFreeEnergyPerSpin">The same samples reweighted (neural importance sampling; Nicoli et al.,
/// PRE 101, 023304 (2020)): Z = E_q[e^{−βE}/q] = E_q[e^{−R}], so ln Ẑ = ln mean(e^{−R}) and F̂/n = −ln Ẑ/(βn). Consistent
/// (bias O(1/M) in ln Ẑ, from Jensen: it errs upwards on average, like F_q) whatever q is, as long as q(s) &gt; 0 everywhere;
/// with KL(q‖p) = β(F_q − F) small its error falls far below F_q's bias.</param>
/// <param name="ReweightedStandardError">Delta-method error of F̂/n: √[(mean(w²)/mean(w)² − 1)/M]/(βn), w = e^{−R}.
/// Trust it only with <paramref name="EffectiveSampleFraction"/> well above 1/M.</param>
/// <param name="EffectiveSampleFraction">Kish's effective sample size (Σw)²/Σw² over M: 1 when q = p; small when a few
/// samples carry the weight.</param>
public readonly record struct VanEstimate(double Beta, int Size, double FreeEnergyPerSpin, double StandardError, double EnergyPerSpin,
    double EntropyPerSpin, double LossVariance, int Samples, double ReweightedFreeEnergyPerSpin = double.NaN,
    double ReweightedStandardError = double.NaN, double EffectiveSampleFraction = double.NaN)
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

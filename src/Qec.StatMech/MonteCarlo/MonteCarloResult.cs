namespace Qec.StatMech.MonteCarlo;

/// <summary>Monte Carlo estimates per spin at one β, with autocorrelation-aware errors.</summary>
/// <param name="Beta">Inverse temperature.</param>
/// <param name="EnergyPerSpin">⟨E⟩/n.</param>
/// <param name="EnergyError">σ_E √(2τ_E/S)/n over all S measurements.</param>
/// <param name="SpecificHeatPerSpin">β² Var E / n.</param>
/// <param name="SpecificHeatError">Jackknife error over bins.</param>
/// <param name="AbsMagnetization">⟨|M|⟩/n.</param>
/// <param name="AbsMagnetizationError">σ √(2τ_M/S)/n.</param>
/// <param name="TauEnergy">τ_int of E in sweeps (mean over chains).</param>
/// <param name="TauMagnetization">τ_int of |M| in sweeps (mean over chains).</param>
/// <param name="FlipsPerSweep">Mean flipped spins per sweep (acceptance × n, or cluster spins).</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record MonteCarloResult(
    double Beta,
    double EnergyPerSpin,
    double EnergyError,
    double SpecificHeatPerSpin,
    double SpecificHeatError,
    double AbsMagnetization,
    double AbsMagnetizationError,
    double TauEnergy,
    double TauMagnetization,
    double FlipsPerSweep,
    double Seconds);

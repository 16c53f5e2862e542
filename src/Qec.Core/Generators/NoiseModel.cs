namespace Qec.Core.Generators;

/// <summary>
/// The noise models of <see cref="CodeGenerators"/>, as written for a Z-basis memory experiment; in an
/// X-basis one (<see cref="MemoryBasis.X"/>) read X for Z and Z for X throughout (Z errors, X-type checks).
/// </summary>
public enum NoiseModel
{
    /// <summary>
    /// Code capacity, bit flips: each data qubit suffers X with probability p once; one round of
    /// perfect stabilizer measurement. Detectors: the Z-type checks. Requires rounds = 1.
    /// </summary>
    CodeCapacity,

    /// <summary>
    /// Code capacity, depolarizing: each data qubit suffers the depolarizing channel of strength p
    /// (X, Y, Z each with probability p/3) once; one round of perfect measurement of both check
    /// types. Written as three independent mechanisms X, Y, Z of probability q = (1 − √(1 − 4p/3))/2
    /// each (≈ p/3), whose composition is exactly that channel; Y is decomposed as
    /// "Z-check detectors ^ X-check detectors". Detectors: Z-type checks first, then X-type checks.
    /// The repetition code has no X-type checks: there a qubit flips its bit with probability 2p/3.
    /// Requires rounds = 1.
    /// </summary>
    CodeCapacityDepolarizing,

    /// <summary>
    /// Phenomenological: before each of the r rounds each data qubit suffers X with probability p,
    /// and each Z-type check measurement of each round is flipped with probability p; a final round
    /// of perfect data measurement closes the time boundary. Detector (s, 0) is round 0's outcome of
    /// check s, detector (s, t) for 1 ≤ t &lt; r compares rounds t−1 and t, detector (s, r) compares
    /// round r−1 with the check's value recomputed from the final data measurement.
    /// </summary>
    Phenomenological,
}

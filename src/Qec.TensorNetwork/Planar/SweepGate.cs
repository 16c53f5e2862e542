namespace Qec.TensorNetwork.Planar;

/// <summary>
/// One mechanism as an operator on a window of parity sites: ψ'(π) = (1 − p)·ψ(π) + p·ψ(π ⊕ mask),
/// the sum over "the mechanism did not / did occur" of a factor p^e (1 − p)^(1−e) times the state with
/// the flipped parities. Bit m−1−t of <see cref="Mask"/> is window offset t (offset 0 is the most
/// significant bit, as in the row-major window tensor).
/// </summary>
/// <param name="Mask">Window sites the mechanism flips (its detectors and observables).</param>
/// <param name="Prior">Its prior probability p.</param>
/// <param name="Mechanism">Its column in the check matrix (for diagnostics).</param>
public readonly record struct SweepGate(int Mask, double Prior, int Mechanism);

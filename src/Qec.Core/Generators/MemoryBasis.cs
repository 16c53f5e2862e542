namespace Qec.Core.Generators;

/// <summary>
/// The basis of a memory experiment: which logical operator is prepared, kept and measured, and so
/// which errors the detectors and the observable see.
/// </summary>
public enum MemoryBasis
{
    /// <summary>Z memory: detectors are the Z-type checks, which see X errors; L0 is a Z logical, flipped by X errors.</summary>
    Z,

    /// <summary>
    /// X memory: detectors are the X-type checks, which see Z errors; L0 is an X logical, flipped by Z errors.
    /// The model is the Z-memory model of the same code with the roles of X and Z exchanged (every qubit
    /// conjugated by a Hadamard), so the noise models apply with X and Z swapped.
    /// </summary>
    X,
}

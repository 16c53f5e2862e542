namespace Qec.TensorNetwork.Amplitudes;

/// <summary>
/// One of the four sets of couplers (grid edges) a two-qubit layer activates; together they hold every
/// coupler once, and no qubit is in two couplers of one set. Named as Sycamore's layers A–D (Arute et al.,
/// Nature 574, 505 (2019), Fig. 3) with their orientations as Cirq's <c>GRID_STAGGERED_PATTERN</c> (A, B
/// vertical; C, D horizontal), but unstaggered, since <see cref="QubitGrid"/> is axis-aligned rather than
/// Sycamore's rotated lattice (Cirq's aligned layers).
/// </summary>
public enum CouplerPattern
{
    /// <summary>Vertical couplers (r, c)–(r + 1, c) with r even.</summary>
    A,

    /// <summary>Vertical couplers (r, c)–(r + 1, c) with r odd.</summary>
    B,

    /// <summary>Horizontal couplers (r, c)–(r, c + 1) with c even.</summary>
    C,

    /// <summary>Horizontal couplers (r, c)–(r, c + 1) with c odd.</summary>
    D,
}

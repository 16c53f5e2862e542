namespace Qec.Circuits.Model;

/// <summary>
/// The instructions of Stim's circuit language that qecd understands: the subset QEC memory
/// experiments use. Aliases (CNOT, ZCX, MZ, RZ, …) parse to the same kind.
/// </summary>
public enum GateKind : byte
{
    /// <summary><c>QUBIT_COORDS(x, y, …) q</c>: annotation, no effect on errors.</summary>
    QubitCoords,
    /// <summary><c>R</c> (alias <c>RZ</c>): reset to |0⟩.</summary>
    R,
    /// <summary><c>RX</c>: reset to |+⟩.</summary>
    RX,
    /// <summary><c>RY</c>: reset to |i⟩.</summary>
    RY,
    /// <summary><c>M(p)</c> (alias <c>MZ</c>): Z-basis measurement, optional flip probability.</summary>
    M,
    /// <summary><c>MX(p)</c>: X-basis measurement.</summary>
    MX,
    /// <summary><c>MY(p)</c>: Y-basis measurement.</summary>
    MY,
    /// <summary><c>MR(p)</c> (alias <c>MRZ</c>): Z-basis measurement then reset to |0⟩.</summary>
    MR,
    /// <summary><c>MRX(p)</c>: X-basis measurement then reset to |+⟩.</summary>
    MRX,
    /// <summary><c>H</c> (alias <c>H_XZ</c>): Hadamard, X ↔ Z.</summary>
    H,
    /// <summary><c>S</c> (alias <c>SQRT_Z</c>): X → Y, Z → Z.</summary>
    S,
    /// <summary><c>SQRT_X</c>: X → X, Z → −Y.</summary>
    SqrtX,
    /// <summary><c>C_XYZ</c>: X → Y → Z → X.</summary>
    CXyz,
    /// <summary><c>CX</c> (aliases <c>CNOT</c>, <c>ZCX</c>): controlled-X on pairs.</summary>
    CX,
    /// <summary><c>CZ</c> (alias <c>ZCZ</c>): controlled-Z on pairs.</summary>
    CZ,
    /// <summary><c>CY</c> (alias <c>ZCY</c>): controlled-Y on pairs.</summary>
    CY,
    /// <summary><c>SWAP</c> on pairs.</summary>
    Swap,
    /// <summary><c>TICK</c>: layer separator.</summary>
    Tick,
    /// <summary><c>DETECTOR(coords) rec[-k]…</c>.</summary>
    Detector,
    /// <summary><c>OBSERVABLE_INCLUDE(k) rec[-k]…</c>.</summary>
    ObservableInclude,
    /// <summary><c>SHIFT_COORDS(dx, dy, …)</c>.</summary>
    ShiftCoords,
    /// <summary><c>X_ERROR(p)</c>.</summary>
    XError,
    /// <summary><c>Y_ERROR(p)</c>.</summary>
    YError,
    /// <summary><c>Z_ERROR(p)</c>.</summary>
    ZError,
    /// <summary><c>DEPOLARIZE1(p)</c>: X, Y or Z each with probability p/3.</summary>
    Depolarize1,
    /// <summary><c>DEPOLARIZE2(p)</c> on pairs: each of the 15 non-identity two-qubit Paulis with p/15.</summary>
    Depolarize2,
    /// <summary><c>PAULI_CHANNEL_1(px, py, pz)</c>: disjoint X, Y, Z.</summary>
    PauliChannel1,
}

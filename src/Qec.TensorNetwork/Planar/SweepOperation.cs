namespace Qec.TensorNetwork.Planar;

/// <summary>What a <see cref="SweepOperation"/> does to the boundary MPS.</summary>
internal enum SweepOperationKind : byte
{
    /// <summary>Open a detector: insert a site in state |0⟩ (no mechanism has flipped it yet) at <see cref="SweepOperation.Start"/>.</summary>
    Open,

    /// <summary>
    /// Contract the window of sites [Start, Start + Length), apply the mechanisms' flips, project the
    /// closing detector (if any) onto its syndrome bit and split the window back into sites.
    /// </summary>
    Update,
}

/// <summary>
/// One step of a compiled sweep. Site positions are indices into the chain of open sites as it stands
/// when the step runs; they depend only on the model, never on the syndrome.
/// </summary>
/// <param name="Kind">Open or update.</param>
/// <param name="Start">Open: index the new site takes. Update: first site of the window.</param>
/// <param name="Length">Update: sites in the window (1 … <see cref="SweepProgram.MaxWindowSites"/>).</param>
/// <param name="FirstGate">Update: first of its gates in <see cref="SweepProgram.Gates"/>.</param>
/// <param name="GateCount">Update: number of gates (may be 0 when the step only closes a detector).</param>
/// <param name="CloseOffset">Update: window offset of the detector closed by this step, or −1.</param>
/// <param name="Detector">Update with a close: the detector whose syndrome bit the site is projected onto.</param>
/// <param name="ObservableOffset">
/// Update: window offset of observable L0's site; L_i sits at ObservableOffset + i (offsets outside
/// [0, Length) are not in the window). 0 when the model has no observables.
/// </param>
/// <param name="Upward">
/// Update: the direction of the sweep at this step. Upward steps split the window left to right and
/// leave the orthogonality centre on its last site; downward steps the reverse.
/// </param>
internal readonly record struct SweepOperation(
    SweepOperationKind Kind, int Start, int Length, int FirstGate, int GateCount, int CloseOffset, int Detector, int ObservableOffset, bool Upward);

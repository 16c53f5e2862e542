namespace Qec.Matching.Mwpm.Interop;

/// <summary>
/// One pair of the final matching: detection event <see cref="A"/> matched to event <see cref="B"/>
/// (or to the boundary when B = −1), with the XOR of the observable masks along the path between
/// them (one 64-bit word). Node indices are those of the flood graph.
/// </summary>
internal readonly record struct MwpmMatch(int A, int B, ulong Observables);

namespace Qec.Matching.Mwpm.Interop;

/// <summary>
/// A path between two detection events (or one event and the boundary) summarised by its ends and
/// the XOR of the observable masks along it (paper §3.1, "compressed edges"). Built in O(1) at a
/// collision; blossom operations join paths by XOR of masks. <see cref="To"/> = −1 is the boundary.
/// </summary>
internal readonly struct CompressedEdge(int from, int to, ulong observables)
{
    /// <summary>Detection event at the start (node index), or −1 for none.</summary>
    public readonly int From = from;

    /// <summary>Detection event at the end (node index), or −1 for the boundary.</summary>
    public readonly int To = to;

    /// <summary>Observables flipped along the path (one 64-bit word of them).</summary>
    public readonly ulong Observables = observables;

    /// <summary>The empty edge (no ends).</summary>
    public static CompressedEdge None => new(-1, -1, 0);

    /// <summary>The same path walked the other way.</summary>
    public CompressedEdge Reversed() => new(To, From, Observables);

    /// <inheritdoc/>
    public override string ToString() => $"{From}->{(To < 0 ? "B" : To.ToString())} obs={Observables:x}";
}

namespace Qec.Matching.Streaming;

/// <summary>
/// The decoded correction of one window as commit units: each group is a set of detection events
/// (window node indices) that the correction pairs among themselves or with the boundary, with the
/// XOR of the observables along its paths and whether it reaches the cut (then it cannot be committed).
/// MWPM gives groups of one or two events (its matches); union-find gives its peeled clusters.
/// Reused window after window; no allocation after warm-up.
/// </summary>
internal sealed class WindowGroups
{
    private int[] _nodes = new int[64];
    private int[] _start = new int[33];
    private ulong[] _mask = new ulong[32];
    private bool[] _cut = new bool[32];

    /// <summary>Number of groups.</summary>
    public int Count { get; private set; }

    /// <summary>Events of group <paramref name="g"/>.</summary>
    public ReadOnlySpan<int> Nodes(int g) => _nodes.AsSpan(_start[g], _start[g + 1] - _start[g]);

    /// <summary>Observables flipped by group <paramref name="g"/> (cut observable included).</summary>
    public ulong Mask(int g) => _mask[g];

    /// <summary>Whether group <paramref name="g"/> runs into the cut.</summary>
    public bool TouchesCut(int g) => _cut[g];

    public void Clear()
    {
        Count = 0;
        _start[0] = 0;
    }

    /// <summary>Opens a new empty group.</summary>
    public void Begin(ulong mask, bool cut)
    {
        if (Count + 1 >= _mask.Length)
        {
            Array.Resize(ref _mask, _mask.Length * 2);
            Array.Resize(ref _cut, _cut.Length * 2);
            Array.Resize(ref _start, _start.Length * 2);
        }
        _mask[Count] = mask;
        _cut[Count] = cut;
        _start[Count + 1] = _start[Count];
        Count++;
    }

    /// <summary>Adds an event to the last opened group.</summary>
    public void AddNode(int node)
    {
        int end = _start[Count];
        if (end == _nodes.Length)
        {
            Array.Resize(ref _nodes, end * 2);
        }
        _nodes[end] = node;
        _start[Count] = end + 1;
    }

    /// <summary>XORs into group g's mask and ORs its cut flag.</summary>
    public void Update(int g, ulong mask, bool cut)
    {
        _mask[g] ^= mask;
        _cut[g] |= cut;
    }
}

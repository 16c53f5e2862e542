namespace Qec.Circuits.Analysis;

/// <summary>
/// A sorted set of <see cref="SymptomTarget"/> values under symmetric difference: the detectors and
/// observables that a Pauli on one qubit flips at the current point of the backward sweep (one of
/// the "sensitivity" sets of Stim's error analyzer, Gidney 2021, Stim paper §3). Small in practice
/// (a qubit touches a handful of detectors), so a sorted array with merge-XOR beats a hash set.
/// </summary>
internal sealed class XorSet
{
    [ThreadStatic]
    private static ulong[]? t_scratch;

    private ulong[] _items = [];

    /// <summary>Number of targets.</summary>
    public int Count { get; private set; }

    /// <summary>The targets in increasing order.</summary>
    public ReadOnlySpan<ulong> Items => _items.AsSpan(0, Count);

    /// <summary>Empties the set (keeps its storage).</summary>
    public void Clear() => Count = 0;

    /// <summary>Whether the set equals another.</summary>
    public bool SetEquals(XorSet other) => Items.SequenceEqual(other.Items);

    /// <summary>This ← this Δ other.</summary>
    public void XorWith(XorSet other) => XorWith(other.Items);

    /// <summary>This ← this Δ sorted (a sorted list without repeats).</summary>
    public void XorWith(ReadOnlySpan<ulong> sorted)
    {
        if (sorted.IsEmpty)
        {
            return;
        }
        int need = Count + sorted.Length;
        var scratch = t_scratch is { } s && s.Length >= need ? s : (t_scratch = new ulong[Math.Max(need, 64) * 2]);
        int n = XorMerge(Items, sorted, scratch);
        if (_items.Length < n)
        {
            _items = new ulong[Math.Max(n, 8) * 2];
        }
        scratch.AsSpan(0, n).CopyTo(_items);
        Count = n;
    }

    /// <summary>Toggles one target.</summary>
    public void Toggle(ulong target) => XorWith([target]);

    /// <summary>Swaps contents with another set (O(1)).</summary>
    public void SwapWith(XorSet other)
    {
        (_items, other._items) = (other._items, _items);
        (Count, other.Count) = (other.Count, Count);
    }

    /// <summary>Copies the contents of another set.</summary>
    public void CopyFrom(XorSet other)
    {
        if (_items.Length < other.Count)
        {
            _items = new ulong[Math.Max(other.Count, 8)];
        }
        other.Items.CopyTo(_items);
        Count = other.Count;
    }

    /// <summary>Merges two sorted lists into their symmetric difference; returns its length.</summary>
    public static int XorMerge(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> output)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            ulong x = a[i], y = b[j];
            if (x < y)
            {
                output[n++] = x;
                i++;
            }
            else if (y < x)
            {
                output[n++] = y;
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }
        while (i < a.Length)
        {
            output[n++] = a[i++];
        }
        while (j < b.Length)
        {
            output[n++] = b[j++];
        }
        return n;
    }
}

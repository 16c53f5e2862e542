namespace Qec.Matching.Mwpm.Interop;

/// <summary>
/// A growable list reused across shots (never shrinks), with by-reference indexing. Used for the
/// matcher's and driver's scratch lists so steady-state decoding allocates nothing.
/// </summary>
internal sealed class ScratchList<T>
{
    private T[] _items = new T[16];

    /// <summary>Number of items; setting it lower drops items from the end.</summary>
    public int Count;

    /// <summary>Item by reference (valid until the next <see cref="Add"/>).</summary>
    public ref T this[int index] => ref _items[index];

    public void Clear() => Count = 0;

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }
        _items[Count++] = item;
    }

    public Span<T> AsSpan() => _items.AsSpan(0, Count);
}

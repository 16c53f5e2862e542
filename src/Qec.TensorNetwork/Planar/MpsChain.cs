namespace Qec.TensorNetwork.Planar;

/// <summary>
/// The sites of a boundary MPS as a chain that grows and shrinks in the middle: site i is a tensor
/// A_i[α, s, β] (left bond α &lt; Left(i), parity s ∈ {0, 1}, right bond β &lt; Right(i)) stored row-major,
/// so it is both the (2·Left) × Right matrix and the Left × (2·Right) matrix without copying.
/// Invariant: Right(i) = Left(i + 1); the outer bonds are 1. Buffers are pooled: removing a site keeps
/// its array for the next insertion, and an array only grows.
/// </summary>
internal sealed class MpsChain
{
    private readonly double[][] _sites;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly Stack<double[]> _free;

    /// <summary>A chain that can hold <paramref name="capacity"/> sites at once.</summary>
    public MpsChain(int capacity)
    {
        capacity = Math.Max(capacity, 1);
        _sites = new double[capacity][];
        _left = new int[capacity];
        _right = new int[capacity];
        _free = new Stack<double[]>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            _free.Push(new double[2]);
        }
    }

    /// <summary>Sites in the chain.</summary>
    public int Count { get; private set; }

    /// <summary>Index of the orthogonality centre (0 when the chain is empty).</summary>
    public int Center { get; set; }

    /// <summary>
    /// True while every site is a product state with bonds of 1 (after <see cref="Reset"/> and before the
    /// first update): each is then orthonormal both ways, so any site may serve as the centre.
    /// </summary>
    public bool CenterIsFree { get; set; }

    /// <summary>Left bond dimension of site i.</summary>
    public int Left(int i) => _left[i];

    /// <summary>Right bond dimension of site i.</summary>
    public int Right(int i) => _right[i];

    /// <summary>The whole buffer of site i (its tensor is the first Left·2·Right entries).</summary>
    public Span<double> Site(int i) => _sites[i];

    /// <summary>Sets the bonds of site i and returns its tensor's span (contents unspecified), growing the buffer when needed.</summary>
    public Span<double> Prepare(int i, int left, int right)
    {
        int size = left * 2 * right;
        if (_sites[i].Length < size)
        {
            _sites[i] = new double[Math.Max(size, 2 * _sites[i].Length)];
        }
        _left[i] = left;
        _right[i] = right;
        return _sites[i].AsSpan(0, size);
    }

    /// <summary>
    /// Site i becomes the (2d) × (2d) identity: as a (d, 2, 2d) tensor it is left-orthonormal, as a
    /// (2d, 2, d) tensor right-orthonormal; <paramref name="leftBond"/> says which.
    /// </summary>
    public void SetIdentity(int i, int d, bool leftBond)
    {
        var site = Prepare(i, leftBond ? d : 2 * d, leftBond ? 2 * d : d);
        site.Clear();
        for (int r = 0; r < 2 * d; r++)
        {
            site[r * 2 * d + r] = 1;
        }
    }

    /// <summary>Empties the chain and fills it with <paramref name="observables"/> sites in state |0⟩ (bonds 1).</summary>
    public void Reset(int observables)
    {
        while (Count > 0)
        {
            Remove(Count - 1);
        }
        for (int i = 0; i < observables; i++)
        {
            InsertAt(i);
            var site = Prepare(i, 1, 1);
            site[0] = 1;
            site[1] = 0;
        }
        Center = 0;
        CenterIsFree = true;
    }

    /// <summary>
    /// Opens a detector at <paramref name="index"/>: a site with A[α, 0, β] = δ_αβ, A[α, 1, β] = 0 on the
    /// bond it splits (no mechanism has flipped it yet). The identity is orthonormal both ways, so the
    /// canonical form survives; the centre index shifts when the site goes in before it.
    /// </summary>
    public void InsertEmpty(int index)
    {
        int d = Count == 0 ? 1 : index < Count ? _left[index] : _right[index - 1];
        bool shifts = Count > 0 && index <= Center;
        InsertAt(index);
        var site = Prepare(index, d, d);
        site.Clear();
        for (int a = 0; a < d; a++)
        {
            site[a * 2 * d + a] = 1;
        }
        if (shifts)
        {
            Center++;
        }
    }

    /// <summary>Removes site i (its buffer goes back to the pool); the caller re-establishes the centre.</summary>
    public void Remove(int i)
    {
        _free.Push(_sites[i]);
        Array.Copy(_sites, i + 1, _sites, i, Count - i - 1);
        Array.Copy(_left, i + 1, _left, i, Count - i - 1);
        Array.Copy(_right, i + 1, _right, i, Count - i - 1);
        Count--;
        _sites[Count] = null!;
    }

    private void InsertAt(int i)
    {
        if (Count == _sites.Length)
        {
            throw new InvalidOperationException($"boundary MPS chain over its compiled capacity of {_sites.Length} sites");
        }
        Array.Copy(_sites, i, _sites, i + 1, Count - i);
        Array.Copy(_left, i, _left, i + 1, Count - i);
        Array.Copy(_right, i, _right, i + 1, Count - i);
        _sites[i] = _free.Pop();
        Count++;
    }
}

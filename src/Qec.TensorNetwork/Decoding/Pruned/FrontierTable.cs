using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qec.TensorNetwork.Decoding.Pruned;

/// <summary>
/// The sweep's state: weights of frontier states (keys of 64 or 128 bits: <typeparamref name="TKey"/> is
/// <see cref="ulong"/> or <see cref="UInt128"/>), entries in arrays with an open-addressing index (linear
/// probing) over them. Grows when needed and keeps its arrays, so a warm table does not allocate.
/// Weights are relative to a scale the caller keeps. Entries are ranked for pruning by their weight times
/// <c>factor^m</c>, m the open detectors whose parity still differs from the syndrome (<see cref="Rank"/>):
/// a state that has yet to explain m detection events needs about m/2 more mechanisms to do so.
/// </summary>
internal sealed class FrontierTable<TKey>
    where TKey : unmanaged, IBinaryInteger<TKey>
{
    private TKey[] _keys = new TKey[64];
    private double[] _weights = new double[64];
    private int[] _index = new int[128];   // −1: empty; else an entry
    private double[] _ranks = new double[64], _scratch = new double[64];  // Prune's ranks, and a copy it reorders
    private int _shift = 64 - 7;           // hash → index bucket: the top log2(_index.Length) bits
    private double _cut;                   // rank of the lightest entry the last prune kept (0: none yet)
    private readonly double[] _factors;    // factor^m, m = 0 … 128
    private TKey _open, _target;           // open detector slots; their syndrome bits

    /// <summary>A table ranking a state with m unexplained open detectors at <paramref name="factor"/>^m of its weight.</summary>
    public FrontierTable(double factor)
    {
        _factors = new double[129];
        for (int m = 0; m < _factors.Length; m++)
        {
            _factors[m] = Math.Pow(factor, m);
        }
    }

    /// <summary>Sets the open detector slots and their syndrome bits for the ranking of the next steps.</summary>
    public void Rank(TKey open, TKey target) => (_open, _target) = (open, target);

    /// <summary>Entries.</summary>
    public int Count { get; private set; }

    /// <summary>Key of entry i.</summary>
    public ReadOnlySpan<TKey> Keys => _keys.AsSpan(0, Count);

    /// <summary>Weight of entry i.</summary>
    public Span<double> Weights => _weights.AsSpan(0, Count);

    /// <summary>One entry: key 0 (nothing flipped) with weight 1.</summary>
    public void Reset()
    {
        Count = 0;
        _cut = 0;
        Array.Fill(_index, -1);
        Append(TKey.Zero, 1.0);
    }

    /// <summary>
    /// Step of a mechanism flipping <paramref name="flips"/> with probability <paramref name="p"/>:
    /// w'(x) = (1 − p) w(x) + p w(x ⊕ flips). In place: each pair {x, x ⊕ flips} is updated once (at its
    /// smaller key); a partner not yet present is appended. Appended keys are never revisited: the partner
    /// of an appended key is the entry that appended it. Once the table holds <paramref name="states"/>
    /// entries, a new partner lighter than the last <see cref="Prune"/>'s cut is not appended (the next
    /// prune would drop it); returns the weight so dropped.
    /// </summary>
    public double Apply(TKey flips, double p, int states)
    {
        if (flips == TKey.Zero || p == 0)
        {
            return 0;
        }
        double q = 1 - p, dropped = 0;
        int original = Count;
        for (int i = 0; i < original; i++)
        {
            TKey x = _keys[i], y = x ^ flips;
            int j = Find(y);
            if (j < 0)
            {
                double w = _weights[i], moved = p * w;
                _weights[i] = q * w;
                if (Count >= states && RankOf(y, moved) < _cut)
                {
                    dropped += moved;
                }
                else
                {
                    Append(y, moved);
                }
            }
            else if (x < y)
            {
                double a = _weights[i], b = _weights[j];
                _weights[i] = q * a + p * b;
                _weights[j] = q * b + p * a;
            }
        }
        return dropped;
    }

    /// <summary>
    /// Keeps the entries whose bits under <paramref name="mask"/> equal <paramref name="expected"/>, with
    /// those bits cleared (injective on the kept ones: they agree there); returns the kept weight.
    /// </summary>
    public double Retire(TKey mask, TKey expected)
    {
        int kept = 0;
        double total = 0;
        TKey clear = ~mask;
        for (int i = 0; i < Count; i++)
        {
            if ((_keys[i] & mask) == expected)
            {
                _keys[kept] = _keys[i] & clear;
                _weights[kept] = _weights[i];
                total += _weights[i];
                kept++;
            }
        }
        Count = kept;
        Reindex();
        return total;
    }

    /// <summary>Keeps the <paramref name="states"/> best-ranked entries (ties broken by position); returns the weight dropped.</summary>
    public double Prune(int states)
    {
        if (Count <= states)
        {
            return 0;
        }
        for (int i = 0; i < Count; i++)
        {
            _ranks[i] = RankOf(_keys[i], _weights[i]);
        }
        _ranks.AsSpan(0, Count).CopyTo(_scratch);
        double threshold = Selection.KthLargest(_scratch.AsSpan(0, Count), states);
        _cut = threshold;
        int above = 0;
        foreach (double rank in _ranks.AsSpan(0, Count))
        {
            above += rank > threshold ? 1 : 0;
        }
        int ties = states - above, kept = 0;
        double dropped = 0;
        for (int i = 0; i < Count; i++)
        {
            double w = _weights[i], rank = _ranks[i];
            if (rank > threshold || (rank == threshold && ties-- > 0))
            {
                _keys[kept] = _keys[i];
                _weights[kept++] = w;
            }
            else
            {
                dropped += w;
            }
        }
        Count = kept;
        Reindex();
        return dropped;
    }

    /// <summary>Multiplies every weight (and the prune cut) by <paramref name="factor"/>.</summary>
    public void Scale(double factor)
    {
        _cut *= factor;  // ranks scale with the weights
        foreach (ref double w in Weights)
        {
            w *= factor;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double RankOf(TKey key, double weight) => weight * _factors[int.CreateTruncating(TKey.PopCount((key ^ _target) & _open))];

    private int Find(TKey key)
    {
        int mask = _index.Length - 1;
        for (int b = Bucket(key); ; b = (b + 1) & mask)
        {
            int i = _index[b];
            if (i < 0 || _keys[i] == key)
            {
                return i;
            }
        }
    }

    private void Append(TKey key, double weight)
    {
        if (Count == _keys.Length)
        {
            Grow();
        }
        _keys[Count] = key;
        _weights[Count] = weight;
        Insert(key, Count);
        Count++;
    }

    private void Insert(TKey key, int entry)
    {
        int mask = _index.Length - 1;
        int b = Bucket(key);
        while (_index[b] >= 0)
        {
            b = (b + 1) & mask;
        }
        _index[b] = entry;
    }

    /// <summary>Doubles the entry arrays and the index (load factor stays ≤ ½).</summary>
    private void Grow()
    {
        int size = _keys.Length * 2;
        Array.Resize(ref _keys, size);
        Array.Resize(ref _weights, size);
        _ranks = new double[size];
        _scratch = new double[size];
        _index = new int[size * 2];
        _shift--;
        Reindex();
    }

    private void Reindex()
    {
        Array.Fill(_index, -1);
        for (int i = 0; i < Count; i++)
        {
            Insert(_keys[i], i);
        }
    }

    /// <summary>Fibonacci hashing (of both halves of a 128-bit key); the type test is resolved when the JIT specializes the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bucket(TKey key)
    {
        ulong h;
        if (typeof(TKey) == typeof(ulong))
        {
            h = Unsafe.As<TKey, ulong>(ref key);
        }
        else
        {
            var wide = Unsafe.As<TKey, UInt128>(ref key);
            h = (ulong)wide ^ BitOperations.RotateLeft((ulong)(wide >> 64), 29) * 0xC2B2AE3D27D4EB4FUL;
        }
        return (int)((h ^ (h >> 29)) * 0x9E3779B97F4A7C15UL >> _shift);
    }
}

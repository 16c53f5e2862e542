using System.Numerics;

namespace Qec.Matching.Mwpm.Interop;

/// <summary>
/// Free lists of arrays by power-of-two length, private to one decoder (not thread-safe). Pooled
/// regions and tree nodes take their larger arrays from here and give them back when freed, so
/// arrays follow the demand instead of staying with whichever object first needed them: replaying
/// shots already seen allocates nothing.
/// </summary>
internal sealed class ArrayClassPool<T>
{
    private readonly T[][][] _stacks = new T[31][][];
    private readonly int[] _counts = new int[31];

    /// <summary>An array of length ≥ <paramref name="minLength"/> (a power of two).</summary>
    public T[] Rent(int minLength)
    {
        int k = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(minLength, 2)));
        if (_counts[k] > 0)
        {
            return _stacks[k][--_counts[k]];
        }
        return new T[1 << k];
    }

    /// <summary>Gives an array obtained from <see cref="Rent"/> back.</summary>
    public void Return(T[] array)
    {
        int k = BitOperations.Log2((uint)array.Length);
        var stack = _stacks[k] ??= new T[4][];
        if (_counts[k] == stack.Length)
        {
            Array.Resize(ref _stacks[k], stack.Length * 2);
            stack = _stacks[k];
        }
        stack[_counts[k]++] = array;
    }

    /// <summary>Replaces <paramref name="array"/> (holding <paramref name="count"/> items) by a rented one at least twice as long.</summary>
    public void Grow(ref T[] array, int count, T[] baseArray)
    {
        var bigger = Rent(array.Length * 2);
        Array.Copy(array, bigger, count);
        if (!ReferenceEquals(array, baseArray))
        {
            Return(array);
        }
        array = bigger;
    }
}

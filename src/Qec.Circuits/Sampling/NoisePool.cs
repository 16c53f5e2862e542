using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Qec.Circuits.Sampling;

/// <summary>
/// What the noise walk consumes per hit, made <see cref="Size"/> at a time: a standard exponential
/// variate E = −ln U (U uniform in (0, 1]) for the geometric skip to the hit, and an independent
/// random word for the Pauli the hit applies. A refill draws the words from a <see cref="VectorXoshiro"/>
/// and takes all logarithms in one vectorised call (<c>TensorPrimitives.Log</c>), so the walk's hit
/// chain holds no scalar <c>log</c> and no generator state. Pairs are handed out in the order drawn.
/// </summary>
internal sealed class NoisePool
{
    /// <summary>Pairs per refill.</summary>
    public const int Size = 256;

    private readonly double[] _exponentials = new double[Size];
    private readonly ulong[] _words = new ulong[Size];
    private readonly ulong[] _uniformBits = new ulong[Size];
    private int _next = Size;

    /// <summary>Discards what is left, so the next pair comes from a fresh refill.</summary>
    public void Clear() => _next = Size;

    /// <summary>The next exponential variate (≥ 0, finite) and, in <paramref name="word"/>, its random word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(VectorXoshiro random, out ulong word)
    {
        if (_next == Size)
        {
            Refill(random);
        }
        word = _words[_next];
        return _exponentials[_next++];
    }

    private void Refill(VectorXoshiro random)
    {
        random.Fill(_uniformBits);
        var values = _exponentials.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            // U in (0, 1]: 53 random bits plus one, so ln U is finite.
            values[i] = ((_uniformBits[i] >> 11) + 1) * (1.0 / (1UL << 53));
        }
        TensorPrimitives.Log(values, values);
        TensorPrimitives.Negate(values, values);
        random.Fill(_words);
        _next = 0;
    }
}

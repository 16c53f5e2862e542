using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Qec.Circuits.Sampling;

/// <summary>
/// What the noise walk consumes per hit, made <see cref="Size"/> at a time: ln U (U uniform in (0, 1],
/// so −ln U is a standard exponential variate) for the geometric skip to the hit, and an independent
/// random word for the Pauli the hit applies. A refill draws the words from a <see cref="VectorXoshiro"/>,
/// makes the uniforms in vectors and takes all logarithms in one vectorised call
/// (<c>TensorPrimitives.Log</c>), so the walk's hit chain holds no scalar <c>log</c> and no generator
/// state. Pairs are handed out in the order drawn; a walk consumes one pair per success plus the one
/// whose gap runs past its last trial.
/// </summary>
internal sealed class NoisePool
{
    /// <summary>Pairs per refill.</summary>
    public const int Size = 256;

    private readonly double[] _logUniforms = new double[Size];
    private readonly ulong[] _words = new ulong[Size];
    private readonly ulong[] _uniformBits = new ulong[Size];
    private int _next = Size;

    /// <summary>Discards what is left, so the next pair comes from a fresh refill.</summary>
    public void Clear() => _next = Size;

    /// <summary>
    /// Draws the next successes of <paramref name="walk"/> into <paramref name="hits"/> (trial indices,
    /// ascending, all &lt; Total) and <paramref name="words"/> (a random word each), as many as fit; returns
    /// how many. Returns 0 only once the walk is over.
    /// </summary>
    public int Draw(ref NoiseHits walk, VectorXoshiro random, Span<long> hits, Span<ulong> words)
    {
        int n = 0;
        while (walk.Open && n < hits.Length)
        {
            if (_next == Size)
            {
                Refill(random);
            }
            _next += Walk(ref walk, _logUniforms.AsSpan(_next), _words.AsSpan(_next), hits[n..], words[n..], out int drawn);
            n += drawn;
        }
        return n;
    }

    // The hot loop, all in locals (kept out of the caller, whose register pressure spilled the walk
    // state): successes into hits/words; returns the pairs used, `drawn` of them successes.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Walk(ref NoiseHits walk, ReadOnlySpan<double> logUniforms, ReadOnlySpan<ulong> poolWords,
        Span<long> hits, Span<ulong> words, out int drawn)
    {
        double gapPerLog = walk.GapPerLog;
        long total = walk.Total;
        long last = walk.Last;
        int take = Math.Min(logUniforms.Length, hits.Length);
        int used = 0;
        drawn = 0;
        while (used < take)
        {
            // The conversion saturates; a gap clamped to Total ends the walk as the true gap would.
            last += 1 + Math.Min((long)(logUniforms[used] * gapPerLog), total);
            used++;
            if (last >= total)
            {
                break;
            }
            hits[drawn] = last;
            words[drawn] = poolWords[used - 1];
            drawn++;
        }
        walk.Last = last;
        return used;
    }

    private void Refill(VectorXoshiro random)
    {
        random.Fill(_uniformBits);
        var bits = MemoryMarshal.Cast<ulong, Vector256<ulong>>(_uniformBits.AsSpan());
        var uniforms = MemoryMarshal.Cast<double, Vector256<double>>(_logUniforms.AsSpan());
        var one = Vector256.Create(0x3FF0000000000000UL);
        var two = Vector256.Create(2.0);
        for (int i = 0; i < bits.Length; i++)
        {
            // 52 random bits as the mantissa of a double in [1, 2); 2 − it is U in (0, 1], so ln U is finite.
            uniforms[i] = two - ((bits[i] >> 12) | one).AsDouble();
        }
        TensorPrimitives.Log(_logUniforms, _logUniforms);
        random.Fill(_words);
        _next = 0;
    }
}

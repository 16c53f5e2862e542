namespace Qec.TensorNetwork.Planar;

/// <summary>
/// Dense kernels on a window tensor Θ[α, π, β] stored row-major: left bond α &lt; dl, the window's
/// parities π = (π_0 … π_{m−1}) as one index with π_0 the most significant bit, right bond β &lt; dr.
/// The observable sites in a window are stored rescaled, φ(π) = ψ(π)·e^(−Σ_i ν_i π_{L_i}) with one log
/// factor ν_i per observable (see <see cref="BalanceSectors"/>); the flips account for it exactly.
/// </summary>
internal static class WindowKernels
{
    /// <summary>C (rows × outer) = A (rows × inner) · B (inner × outer), all row-major.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int rows, int inner, int outer, Span<double> c)
    {
        c[..(rows * outer)].Clear();
        for (int i = 0; i < rows; i++)
        {
            var row = c.Slice(i * outer, outer);
            for (int k = 0; k < inner; k++)
            {
                double f = a[i * inner + k];
                if (f == 0)
                {
                    continue;
                }
                var bRow = b.Slice(k * outer, outer);
                for (int j = 0; j < outer; j++)
                {
                    row[j] += f * bRow[j];
                }
            }
        }
    }

    /// <summary>
    /// One mechanism: ψ'(π) = (1 − p) ψ(π) + p ψ(π ⊕ mask), in place over the pairs {π, π ⊕ mask}. On the
    /// stored φ this reads φ'(π) = (1 − p) φ(π) + p·e^(Σ_{L_i flipped} ν_i (1 − 2π_{L_i}))·φ(π ⊕ mask).
    /// </summary>
    public static void ApplyFlip(Span<double> theta, int m, int dl, int dr, SweepGate gate, int observableOffset,
        ReadOnlySpan<double> sectorLog)
    {
        double p = gate.Prior, q = 1 - p;
        int patterns = 1 << m;
        for (int pi = 0; pi < patterns; pi++)
        {
            int partner = pi ^ gate.Mask;
            if (partner < pi)
            {
                continue;
            }
            double exponent = 0;
            for (int i = 0; i < sectorLog.Length; i++)
            {
                int t = observableOffset + i, bit = m - 1 - t;
                if (t >= 0 && t < m && ((gate.Mask >> bit) & 1) != 0)
                {
                    exponent += sectorLog[i] * (1 - 2 * ((pi >> bit) & 1));
                }
            }
            double toPi = exponent == 0 ? p : p * Math.Exp(exponent), toPartner = exponent == 0 ? p : p * Math.Exp(-exponent);
            for (int a = 0; a < dl; a++)
            {
                var x = theta.Slice((a * patterns + pi) * dr, dr);
                var y = theta.Slice((a * patterns + partner) * dr, dr);
                for (int b = 0; b < dr; b++)
                {
                    (x[b], y[b]) = (q * x[b] + toPi * y[b], q * y[b] + toPartner * x[b]);
                }
            }
        }
    }

    /// <summary>
    /// A detector's parity constraint: copies into <paramref name="target"/> the slice of Θ where window
    /// site <paramref name="offset"/> equals <paramref name="bit"/> (the syndrome), a (dl, 2^(m−1), dr) tensor.
    /// </summary>
    public static void Project(ReadOnlySpan<double> theta, Span<double> target, int m, int dl, int dr, int offset, int bit)
    {
        int shift = m - 1 - offset, low = (1 << shift) - 1, kept = 1 << (m - 1);
        for (int a = 0; a < dl; a++)
        {
            for (int pi = 0; pi < kept; pi++)
            {
                int full = ((pi & ~low) << 1) | (bit << shift) | (pi & low);
                theta.Slice(((a << m) + full) * dr, dr).CopyTo(target.Slice((a * kept + pi) * dr, dr));
            }
        }
    }

    /// <summary>Window bits of the observable sites inside a window of m sites.</summary>
    public static int ObservableBits(int m, int observableOffset, int observables)
    {
        int bits = 0;
        for (int i = 0; i < observables; i++)
        {
            int t = observableOffset + i;
            bits |= t >= 0 && t < m ? 1 << (m - 1 - t) : 0;
        }
        return bits;
    }

    /// <summary>
    /// Rescales the sector L_i = 1 of Θ to the norm of the sector L_i = 0, for each observable in the
    /// window, and adds the log factor to ν_i. With the orthogonality centre in the window these are the
    /// sector norms of the whole state. Truncation minimizes the 2-norm error of the whole state, which
    /// the likelier class dominates; balanced sectors keep an unlikely class's relative accuracy closer to
    /// what a contraction of its coset alone would give (Bravyi, Suchara &amp; Vargo contract each coset
    /// separately). A sector of zero norm is left alone.
    /// </summary>
    public static void BalanceSectors(Span<double> theta, int m, int dl, int dr, int observableOffset, Span<double> sectorLog)
    {
        int patterns = 1 << m;
        for (int i = 0; i < sectorLog.Length; i++)
        {
            int t = observableOffset + i;
            if (t < 0 || t >= m)
            {
                continue;
            }
            int bit = m - 1 - t;
            double n0 = 0, n1 = 0;
            for (int row = 0; row < dl * patterns; row++)
            {
                double sum = 0;
                foreach (double v in theta.Slice(row * dr, dr))
                {
                    sum += v * v;
                }
                n0 += (((row % patterns) >> bit) & 1) == 0 ? sum : 0;
                n1 += (((row % patterns) >> bit) & 1) != 0 ? sum : 0;
            }
            if (!(n0 > 0 && n1 > 0))
            {
                continue;
            }
            double factor = Math.Sqrt(n1 / n0);
            for (int row = 0; row < dl * patterns; row++)
            {
                if ((((row % patterns) >> bit) & 1) != 0)
                {
                    foreach (ref double v in theta.Slice(row * dr, dr))
                    {
                        v /= factor;
                    }
                }
            }
            sectorLog[i] += Math.Log(factor);
        }
    }
}

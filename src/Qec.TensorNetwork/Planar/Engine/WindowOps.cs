namespace Qec.TensorNetwork.Planar.Engine;

/// <summary>
/// Dense kernels on a window tensor Θ[α, π, β] stored row-major at an offset of the shot's memory: left bond α &lt; dl,
/// the window's parities π = (π_0 … π_{m−1}) as one index with π_0 the most significant bit, right bond β &lt; dr.
/// The observable sites in a window are stored rescaled, φ(π) = ψ(π)·e^(−Σ_i ν_i π_{L_i}) with one log factor ν_i per
/// observable (see <see cref="BalanceSectors{T}"/>); the flips account for it exactly.
/// </summary>
public static class WindowOps
{
    /// <summary>C (rows × outer) = A (rows × inner) · B (inner × outer), all row-major; C must not overlap A or B.</summary>
    public static void Multiply<T>(T mem, int a, int b, int rows, int inner, int outer, int c) where T : struct, IBoundaryShot
    {
        Clear(mem, c, rows * outer);
        for (int i = 0; i < rows; i++)
        {
            int row = c + i * outer;
            for (int k = 0; k < inner; k++)
            {
                double f = mem.Get(a + i * inner + k);
                if (f == 0)
                {
                    continue;
                }
                int bRow = b + k * outer;
                for (int j = 0; j < outer; j++)
                {
                    mem.Set(row + j, mem.Get(row + j) + f * mem.Get(bRow + j));
                }
            }
        }
    }

    /// <summary>
    /// One mechanism: ψ'(π) = (1 − p) ψ(π) + p ψ(π ⊕ mask), in place over the pairs {π, π ⊕ mask}. On the stored φ this
    /// reads φ'(π) = (1 − p) φ(π) + p·e^(Σ_{L_i flipped} ν_i (1 − 2π_{L_i}))·φ(π ⊕ mask).
    /// </summary>
    public static void ApplyFlip<T>(T mem, int theta, int m, int dl, int dr, SweepGate gate, int observableOffset, int sectorLog,
        int observables) where T : struct, IBoundaryShot
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
            for (int i = 0; i < observables; i++)
            {
                int t = observableOffset + i, bit = m - 1 - t;
                if (t >= 0 && t < m && ((gate.Mask >> bit) & 1) != 0)
                {
                    exponent += mem.Get(sectorLog + i) * (1 - 2 * ((pi >> bit) & 1));
                }
            }
            double toPi = exponent == 0 ? p : p * Math.Exp(exponent), toPartner = exponent == 0 ? p : p * Math.Exp(-exponent);
            for (int a = 0; a < dl; a++)
            {
                int x = theta + (a * patterns + pi) * dr, y = theta + (a * patterns + partner) * dr;
                for (int b = 0; b < dr; b++)
                {
                    double u = mem.Get(x + b), v = mem.Get(y + b);
                    mem.Set(x + b, q * u + toPi * v);
                    mem.Set(y + b, q * v + toPartner * u);
                }
            }
        }
    }

    /// <summary>A detector's parity constraint: copies to <paramref name="target"/> the slice of Θ where window site
    /// <paramref name="offset"/> equals <paramref name="bit"/> (the syndrome), a (dl, 2^(m−1), dr) tensor.</summary>
    public static void Project<T>(T mem, int theta, int target, int m, int dl, int dr, int offset, int bit) where T : struct, IBoundaryShot
    {
        int shift = m - 1 - offset, low = (1 << shift) - 1, kept = 1 << (m - 1);
        for (int a = 0; a < dl; a++)
        {
            for (int pi = 0; pi < kept; pi++)
            {
                int full = ((pi & ~low) << 1) | (bit << shift) | (pi & low);
                Copy(mem, theta + ((a << m) + full) * dr, target + (a * kept + pi) * dr, dr);
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
    /// Rescales the sector L_i = 1 of Θ to the norm of the sector L_i = 0, for each observable in the window, and adds
    /// the log factor to ν_i. With the orthogonality centre in the window these are the sector norms of the whole state.
    /// Truncation minimizes the 2-norm error of the whole state, which the likelier class dominates; balanced sectors
    /// keep an unlikely class's relative accuracy closer to what a contraction of its coset alone would give (Bravyi,
    /// Suchara &amp; Vargo contract each coset separately). A sector of zero norm is left alone.
    /// </summary>
    public static void BalanceSectors<T>(T mem, int theta, int m, int dl, int dr, int observableOffset, int sectorLog, int observables)
        where T : struct, IBoundaryShot
    {
        int patterns = 1 << m;
        for (int i = 0; i < observables; i++)
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
                for (int b = 0; b < dr; b++)
                {
                    double v = mem.Get(theta + row * dr + b);
                    sum += v * v;
                }
                if ((((row % patterns) >> bit) & 1) == 0)
                {
                    n0 += sum;
                }
                else
                {
                    n1 += sum;
                }
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
                    for (int b = 0; b < dr; b++)
                    {
                        mem.Set(theta + row * dr + b, mem.Get(theta + row * dr + b) / factor);
                    }
                }
            }
            mem.Set(sectorLog + i, mem.Get(sectorLog + i) + Math.Log(factor));
        }
    }

    /// <summary>Copies <paramref name="length"/> doubles from <paramref name="source"/> to <paramref name="target"/> (no overlap).</summary>
    public static void Copy<T>(T mem, int source, int target, int length) where T : struct, IBoundaryShot
    {
        for (int i = 0; i < length; i++)
        {
            mem.Set(target + i, mem.Get(source + i));
        }
    }

    /// <summary>Sets <paramref name="length"/> doubles at <paramref name="start"/> to zero.</summary>
    public static void Clear<T>(T mem, int start, int length) where T : struct, IBoundaryShot
    {
        for (int i = 0; i < length; i++)
        {
            mem.Set(start + i, 0.0);
        }
    }
}

namespace Qec.TensorNetwork.Planar.Engine;

/// <summary>
/// A thin SVD from one side of a small row-major matrix M (rows × cols), truncated to at most χ triplets: what one
/// kernel thread can run on its own. The factors are written on demand (<see cref="WriteLeft{T}"/>,
/// <see cref="WriteRight{T}"/>) from the state <see cref="Decompose{T}"/> leaves.
/// </summary>
/// <remarks>
/// One-sided (Hestenes) Jacobi (Demmel &amp; Veselić, SIAM J. Matrix Anal. Appl. 13, 1204 (1992)): the rows of
/// W = M (or Mᵀ when M is tall, so W is always short and wide) are rotated in pairs until every pair is orthogonal;
/// then W = Q·M (Q the accumulated rotation) has orthogonal rows W_i = s_i v_iᵀ, so M = Qᵀ S Vᵀ. It needs no library,
/// touches only the short side squared beyond the copy, and is accurate in the relative sense (small singular values
/// too). Rotation for a pair with α = |w_p|², β = |w_q|², γ = w_p·w_q: ζ = (β − α)/2γ, t = sign(ζ)/(|ζ| + √(1 + ζ²)),
/// c = 1/√(1 + t²), s = c·t, which zeroes the new inner product. Sweeps stop when no pair is further from orthogonal
/// than <see cref="Orthogonality"/> (or after <see cref="MaxSweeps"/>). Keeping the largest s_i minimizes the
/// Frobenius error, whose square is the discarded Σ_{i ≥ kept} s_i² (Eckart–Young).
/// </remarks>
public static class JacobiSvd
{
    /// <summary>Singular values below this fraction of the largest are dropped even under χ: numerically zero rank.</summary>
    public const double RankCutoff = 1e-13;

    /// <summary>A pair counts as orthogonal when |w_p·w_q| ≤ this × |w_p||w_q|.</summary>
    public const double Orthogonality = 1e-15;

    /// <summary>Rows with a squared norm under this fraction of the largest take no part in rotations (1e-30: their
    /// singular values are under 1e-15 of the largest, far below <see cref="RankCutoff"/>).</summary>
    public const double NegligibleRow = 1e-30;

    /// <summary>Most sweeps over all pairs (convergence is quadratic; small matrices need 5–10).</summary>
    public const int MaxSweeps = 40;

    /// <summary>
    /// Decomposes the matrix at offset <paramref name="source"/>, keeping at most <paramref name="maxKeep"/> triplets.
    /// Returns the factor shape and the discarded weight Σ_{i ≥ kept} s_i² / Σ_i s_i² (0 for a zero matrix).
    /// </summary>
    public static SvdShape Decompose<T>(T mem, BoundaryLayout layout, int source, int rows, int cols, int maxKeep)
        where T : struct, IBoundaryShot
    {
        bool transposed = rows > cols;
        int n = transposed ? cols : rows, length = transposed ? rows : cols;
        int w = layout.SvdMatrix, q = layout.SvdRotation, s = layout.SvdValues;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < length; k++)
            {
                mem.Set(w + i * length + k, transposed ? mem.Get(source + k * cols + i) : mem.Get(source + i * cols + k));
            }
            for (int k = 0; k < n; k++)
            {
                mem.Set(q + i * n + k, i == k ? 1.0 : 0.0);
            }
        }
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            if (!Sweep(mem, w, q, s, n, length))
            {
                break;
            }
        }
        // s_i = |w_i|, sorted descending together with the rows of W and Q (selection sort: n is small).
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double norm = Math.Sqrt(Dot(mem, w + i * length, w + i * length, length));
            mem.Set(s + i, norm);
            total += norm * norm;
        }
        for (int i = 0; i < n; i++)
        {
            int largest = i;
            for (int j = i + 1; j < n; j++)
            {
                largest = mem.Get(s + j) > mem.Get(s + largest) ? j : largest;
            }
            if (largest != i)
            {
                Swap(mem, s + i, s + largest, 1);
                Swap(mem, w + i * length, w + largest * length, length);
                Swap(mem, q + i * n, q + largest * n, n);
            }
        }
        int limit = Math.Min(maxKeep, n), kept = 1;
        double top = mem.Get(s);
        while (kept < limit && mem.Get(s + kept) > RankCutoff * top)
        {
            kept++;
        }
        double dropped = 0;
        for (int i = kept; i < n; i++)
        {
            dropped += mem.Get(s + i) * mem.Get(s + i);
        }
        return new SvdShape(rows, cols, kept, transposed ? 1 : 0, total > 0 ? dropped / total : 0);
    }

    /// <summary>Writes U (rows × kept, row-major) at <paramref name="target"/>, column i scaled by s_i when <paramref name="scaled"/>.</summary>
    public static void WriteLeft<T>(T mem, BoundaryLayout layout, SvdShape shape, int target, bool scaled)
        where T : struct, IBoundaryShot
    {
        int n = shape.Transposed != 0 ? shape.Cols : shape.Rows, length = shape.Transposed != 0 ? shape.Rows : shape.Cols;
        for (int i = 0; i < shape.Kept; i++)
        {
            double value = mem.Get(layout.SvdValues + i);
            for (int b = 0; b < shape.Rows; b++)
            {
                // Not transposed: U = Qᵀ, so U[b, i] = Q[i, b]. Transposed: M = V S Q with V's columns w_i / s_i.
                double entry = shape.Transposed != 0
                    ? Scale(mem.Get(layout.SvdMatrix + i * length + b), value, !scaled)
                    : mem.Get(layout.SvdRotation + i * n + b) * (scaled ? value : 1.0);
                mem.Set(target + b * shape.Kept + i, entry);
            }
        }
    }

    /// <summary>Writes Vᵀ (kept × cols, row-major) at <paramref name="target"/>, row i scaled by s_i when <paramref name="scaled"/>.</summary>
    public static void WriteRight<T>(T mem, BoundaryLayout layout, SvdShape shape, int target, bool scaled)
        where T : struct, IBoundaryShot
    {
        int n = shape.Transposed != 0 ? shape.Cols : shape.Rows, length = shape.Transposed != 0 ? shape.Rows : shape.Cols;
        for (int i = 0; i < shape.Kept; i++)
        {
            double value = mem.Get(layout.SvdValues + i);
            for (int c = 0; c < shape.Cols; c++)
            {
                // Not transposed: Vᵀ[i, c] = w_i[c] / s_i. Transposed: the right factor is Q.
                double entry = shape.Transposed != 0
                    ? mem.Get(layout.SvdRotation + i * n + c) * (scaled ? value : 1.0)
                    : Scale(mem.Get(layout.SvdMatrix + i * length + c), value, !scaled);
                mem.Set(target + i * shape.Cols + c, entry);
            }
        }
    }

    /// <summary>x / s when <paramref name="divide"/> (0 when s is 0: a zero row has no direction), else x.</summary>
    private static double Scale(double x, double s, bool divide) => !divide ? x : s > 0 ? x / s : 0.0;

    /// <summary>
    /// One sweep over all pairs of rows; true when some pair was rotated. The squared row norms are computed once per
    /// sweep into <paramref name="norms"/> and then updated by each rotation (α′ = α − tγ, β′ = β + tγ), so a pair costs
    /// one inner product. Rows whose squared norm is below <see cref="NegligibleRow"/> of the largest are left alone:
    /// their singular values fall far under <see cref="RankCutoff"/> and are dropped whatever their direction.
    /// </summary>
    private static bool Sweep<T>(T mem, int w, int q, int norms, int n, int length) where T : struct, IBoundaryShot
    {
        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            double norm = Dot(mem, w + i * length, w + i * length, length);
            mem.Set(norms + i, norm);
            largest = Math.Max(largest, norm);
        }
        double negligible = NegligibleRow * largest;
        bool rotated = false;
        for (int p = 0; p < n - 1; p++)
        {
            for (int r = p + 1; r < n; r++)
            {
                double alpha = mem.Get(norms + p), beta = mem.Get(norms + r);
                if (alpha <= negligible || beta <= negligible)
                {
                    continue;
                }
                double gamma = Dot(mem, w + p * length, w + r * length, length);
                if (gamma == 0 || Math.Abs(gamma) <= Orthogonality * Math.Sqrt(alpha * beta))
                {
                    continue;
                }
                rotated = true;
                double zeta = (beta - alpha) / (2 * gamma);
                double t = (zeta >= 0 ? 1.0 : -1.0) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                Rotate(mem, w + p * length, w + r * length, length, c, s);
                Rotate(mem, q + p * n, q + r * n, n, c, s);
                mem.Set(norms + p, alpha - t * gamma);
                mem.Set(norms + r, beta + t * gamma);
            }
        }
        return rotated;
    }

    private static double Dot<T>(T mem, int a, int b, int length) where T : struct, IBoundaryShot
    {
        double sum = 0;
        for (int k = 0; k < length; k++)
        {
            sum += mem.Get(a + k) * mem.Get(b + k);
        }
        return sum;
    }

    /// <summary>(x, y) ← (c·x − s·y, s·x + c·y) over two rows.</summary>
    private static void Rotate<T>(T mem, int x, int y, int length, double c, double s) where T : struct, IBoundaryShot
    {
        for (int k = 0; k < length; k++)
        {
            double a = mem.Get(x + k), b = mem.Get(y + k);
            mem.Set(x + k, c * a - s * b);
            mem.Set(y + k, s * a + c * b);
        }
    }

    private static void Swap<T>(T mem, int a, int b, int length) where T : struct, IBoundaryShot
    {
        for (int k = 0; k < length; k++)
        {
            double x = mem.Get(a + k);
            mem.Set(a + k, mem.Get(b + k));
            mem.Set(b + k, x);
        }
    }
}

/// <summary>The factors a <see cref="JacobiSvd.Decompose{T}"/> left: the matrix shape, triplets kept, whether the short
/// side was the columns (1) or the rows (0), and the discarded weight relative to the whole.</summary>
public readonly record struct SvdShape(int Rows, int Cols, int Kept, int Transposed, double Discarded);

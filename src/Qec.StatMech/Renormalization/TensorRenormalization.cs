namespace Qec.StatMech.Renormalization;

/// <summary>
/// Levin–Nave tensor renormalization group (M. Levin &amp; C. P. Nave, PRL 99, 120601, 2007) for the square-lattice
/// Ising ferromagnet (J = 1, no field). The partition function is a network of one tensor per site,
/// T_{lurd} = Σ_s W_{sl} W_{su} W_{sr} W_{sd} with W = [[√cosh β, √sinh β], [√cosh β, −√sinh β]] (so
/// Σ_i W_{si} W_{s'i} = e^{β s s'} on every bond). Each step splits T on the two sublattices along opposite diagonals
/// by a rank-χ truncated SVD, T_{(lu),(rd)} ≈ S1 S3 and T_{(ur),(dl)} ≈ S2 S4, and contracts the four triangles
/// around each plaquette into a new tensor on a lattice rotated by 45° with half the sites:
/// T'_{abcd} = Σ S3_{a x y} S4_{b z x} S1_{w z c} S2_{y w d}. Each T is divided by its largest entry n_k, so
/// ln Z / N = Σ_k ln n_k / 2^k + (what the last tensor contributes) / 2^K.
/// </summary>
public static class TensorRenormalization
{
    /// <summary>ln Z / N in the thermodynamic limit: <paramref name="steps"/> RG steps (a lattice of 2^steps sites),
    /// then the last tensor traced on itself (a 1-site periodic remainder).</summary>
    /// <param name="beta">Inverse temperature, &gt; 0.</param>
    /// <param name="chi">Bond dimension kept, ≥ 2.</param>
    /// <param name="steps">RG steps; 20 or more reaches the thermodynamic limit well within the truncation error.</param>
    public static double LogPartitionPerSite(double beta, int chi, int steps = 20)
    {
        Check(beta, chi);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var (tensor, dimension) = InitialTensor(beta);
        var logPerSite = Normalize(tensor);
        var weight = 1.0;
        for (var k = 0; k < steps; k++)
        {
            (tensor, dimension) = Step(tensor, dimension, chi);
            weight /= 2;
            logPerSite += weight * Normalize(tensor);
        }
        var trace = 0.0;
        for (var i = 0; i < dimension; i++)
        for (var j = 0; j < dimension; j++) trace += tensor[Index(dimension, i, j, i, j)];
        return logPerSite + weight * Math.Log(trace);
    }

    /// <summary>ln Z of the L×L periodic lattice (L = 2^m ≥ 4): RG steps down to a 2×2 torus, contracted exactly.
    /// Exact (up to rounding) when χ ≥ the untruncated bond dimension (χ ≥ 16 for L = 4).</summary>
    public static double LogPartitionPeriodic(double beta, int chi, int length)
    {
        Check(beta, chi);
        if (length < 4 || (length & (length - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "finite-lattice TRG needs L = 2^m ≥ 4");
        var (tensor, dimension) = InitialTensor(beta);
        double sites = (double)length * length;
        var logZ = sites * Normalize(tensor);
        while (sites > 4)
        {
            (tensor, dimension) = Step(tensor, dimension, chi);
            sites /= 2;
            logZ += sites * Normalize(tensor);
        }
        return logZ + Math.Log(TwoByTwoTorus(tensor, dimension));
    }

    private static void Check(double beta, int chi)
    {
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be > 0 and finite");
        ArgumentOutOfRangeException.ThrowIfLessThan(chi, 2);
    }

    private static int Index(int d, int l, int u, int r, int down) => ((l * d + u) * d + r) * d + down;

    internal static (double[] Tensor, int Dimension) InitialTensor(double beta)
    {
        double c = Math.Sqrt(Math.Cosh(beta)), s = Math.Sqrt(Math.Sinh(beta));
        double[,] w = { { c, s }, { c, -s } };
        var tensor = new double[16];
        for (var l = 0; l < 2; l++)
        for (var u = 0; u < 2; u++)
        for (var r = 0; r < 2; r++)
        for (var d = 0; d < 2; d++)
            tensor[Index(2, l, u, r, d)] = w[0, l] * w[0, u] * w[0, r] * w[0, d] + w[1, l] * w[1, u] * w[1, r] * w[1, d];
        return (tensor, 2);
    }

    /// <summary>Divides by the largest |entry| and returns its logarithm.</summary>
    internal static double Normalize(double[] tensor)
    {
        var max = 0.0;
        foreach (var x in tensor) max = Math.Max(max, Math.Abs(x));
        for (var i = 0; i < tensor.Length; i++) tensor[i] /= max;
        return Math.Log(max);
    }

    /// <summary>One Levin–Nave step; the new bond dimension is min(χ, D²).</summary>
    internal static (double[] Tensor, int Dimension) Step(double[] tensor, int d, int chi)
    {
        var d2 = d * d;
        var kept = Math.Min(chi, d2);
        // Split 1: rows (l,u), columns (r,d) — the tensor's own layout. Split 2: rows (u,r), columns (d,l).
        var m2 = new double[d2 * d2];
        for (var row = 0; row < d2; row++)
        for (var column = 0; column < d2; column++)
            m2[row * d2 + column] = tensor[Index(d, column % d, row / d, row % d, column / d)];
        // Row-major: S1[(l,u)·k + a], S3[a·d² + (r,d)], S2[(u,r)·k + b], S4[b·d² + (d,l)].
        var (s1, s3) = TruncatedSvd.Split(tensor, d2, d2, kept);
        var (s2, s4) = TruncatedSvd.Split(m2, d2, d2, kept);
        // A[(a,b),(y,z)] = Σ_x S3[a,(x,y)] S4[b,(z,x)];  B[(c,e),(y,z)] = Σ_w S1[(w,z),c] S2[(y,w),e].
        var aValues = new double[kept * kept * d2];
        var bValues = new double[kept * kept * d2];
        for (var p = 0; p < kept; p++)
        for (var q = 0; q < kept; q++)
        {
            var rowBase = (p * kept + q) * d2;
            for (var y = 0; y < d; y++)
            for (var z = 0; z < d; z++)
            {
                double sumA = 0, sumB = 0;
                for (var x = 0; x < d; x++)
                {
                    sumA += s3[p * d2 + x * d + y] * s4[q * d2 + z * d + x];
                    sumB += s1[(x * d + z) * kept + p] * s2[(y * d + x) * kept + q];
                }
                aValues[rowBase + y * d + z] = sumA;
                bValues[rowBase + y * d + z] = sumB;
            }
        }
        // T'[(a,b),(c,e)] = Σ_(y,z) A[(a,b),(y,z)] B[(c,e),(y,z)].
        var pairs = kept * kept;
        var next = new double[pairs * pairs];
        for (var row = 0; row < pairs; row++)
        {
            var aRow = aValues.AsSpan(row * d2, d2);
            for (var column = 0; column < pairs; column++)
                next[row * pairs + column] = System.Numerics.Tensors.TensorPrimitives.Dot(aRow, bValues.AsSpan(column * d2, d2));
        }
        return (next, kept);
    }

    /// <summary>Z of four copies of T on a 2×2 torus: each tensor's l meets its row partner's r (both ways round) and
    /// its u meets its column partner's d. R[u1,d1,u2,d2] = Σ_{x,y} T[x,u1,y,d1] T[y,u2,x,d2];
    /// Z = Σ R[u1,d1,u2,d2] R[d1,u1,d2,u2].</summary>
    private static double TwoByTwoTorus(double[] tensor, int d)
    {
        var row = new double[d * d * d * d];
        for (var u1 = 0; u1 < d; u1++)
        for (var d1 = 0; d1 < d; d1++)
        for (var u2 = 0; u2 < d; u2++)
        for (var d2 = 0; d2 < d; d2++)
        {
            var sum = 0.0;
            for (var x = 0; x < d; x++)
            for (var y = 0; y < d; y++) sum += tensor[Index(d, x, u1, y, d1)] * tensor[Index(d, y, u2, x, d2)];
            row[Index(d, u1, d1, u2, d2)] = sum;
        }
        var z = 0.0;
        for (var u1 = 0; u1 < d; u1++)
        for (var d1 = 0; d1 < d; d1++)
        for (var u2 = 0; u2 < d; u2++)
        for (var d2 = 0; d2 < d; d2++) z += row[Index(d, u1, d1, u2, d2)] * row[Index(d, d1, u1, d2, u2)];
        return z;
    }
}

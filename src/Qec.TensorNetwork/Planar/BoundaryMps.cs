namespace Qec.TensorNetwork.Planar;

/// <summary>
/// Runs a <see cref="SweepProgram"/> on one syndrome: the boundary MPS ψ over the open parity sites,
/// ψ(π) = Σ over the applied mechanisms' outcomes whose parities on the open sites are π and which meet
/// every closed detector's syndrome bit, of the product of their priors. At the end only the observable
/// sites remain and ψ(c) is the weight of class c. Bond dimensions never exceed χ; the MPS is kept in
/// mixed canonical form (sites left of the orthogonality centre left-orthonormal, right of it
/// right-orthonormal), so truncating the SVD of a window that holds the centre is the best
/// 2-norm approximation of the whole state (Bravyi, Suchara &amp; Vargo, PRA 90, 032326 (2014): the
/// DMRG-style compression of their boundary MPS; Schollwöck, Ann. Phys. 326, 96 (2011), Sec. 4.5).
/// </summary>
/// <remarks>
/// Scaling: after every update the centre tensor is divided by its norm and ln(norm) is added to a
/// running log scale, and the observable sectors carry their own log factors
/// (<see cref="WindowKernels.BalanceSectors"/>), so entries stay near 1 whatever the distance (plain
/// weights underflow doubles from d ≈ 13 at small p). Memory: site tensors, the window tensor and the
/// SVD workspaces are reused from shot to shot and only grow while bond dimensions first reach their
/// largest values. Not thread-safe.
/// </remarks>
internal sealed class BoundaryMps
{
    private readonly SweepProgram _program;
    private readonly int _chi;
    private readonly TruncatedSvd _svd = new();
    private readonly MpsChain _chain;
    private readonly double[] _sectorLog;
    private double[] _theta = new double[16];
    private double[] _work = new double[16];
    private double _logScale;
    private double _discarded;
    private int _truncations;
    private int _decompositions;
    private bool _zero;

    /// <summary>A state for <paramref name="program"/> with bond dimension at most <paramref name="chi"/>.</summary>
    public BoundaryMps(SweepProgram program, int chi)
    {
        _program = program;
        _chi = chi;
        _chain = new MpsChain(program.LongestFront);
        _sectorLog = new double[program.NumObservables];
    }

    /// <summary>
    /// Contracts the network for one packed syndrome (b8) and writes ln Z(c | s) for every class c
    /// (bit i of c = observable L_i), −∞ where the weight is zero (or not positive after truncation).
    /// </summary>
    public BoundaryMpsResult Run(ReadOnlySpan<byte> syndrome, Span<double> logClassWeights)
    {
        _logScale = 0;
        _discarded = 0;
        _truncations = 0;
        _decompositions = 0;
        _zero = false;
        Array.Clear(_sectorLog);
        _chain.Reset(_program.NumObservables);
        foreach (int d in _program.DeadDetectors)
        {
            _zero |= Bit(syndrome, d) != 0;
        }
        var operations = _program.Operations;
        for (int i = 0; i < operations.Length && !_zero; i++)
        {
            var op = operations[i];
            if (op.Kind == SweepOperationKind.Open)
            {
                _chain.InsertEmpty(op.Start);
            }
            else
            {
                Update(op, syndrome);
            }
        }
        ReadOut(logClassWeights);
        return new BoundaryMpsResult(_discarded, _truncations, _decompositions);
    }

    private static int Bit(ReadOnlySpan<byte> packed, int index) => (packed[index >> 3] >> (index & 7)) & 1;

    /// <summary>Contract window → flip → balance → project → split: one step of the sweep.</summary>
    private void Update(in SweepOperation op, ReadOnlySpan<byte> syndrome)
    {
        int start = op.Start, m = op.Length;
        MoveCenterInto(start, start + m - 1);
        int dl = _chain.Left(start), dr = _chain.Right(start + m - 1);
        ContractWindow(start, m);
        foreach (var gate in _program.Gates.AsSpan(op.FirstGate, op.GateCount))
        {
            WindowKernels.ApplyFlip(_theta, m, dl, dr, gate, op.ObservableOffset, _sectorLog);
        }
        if (WindowKernels.ObservableBits(m, op.ObservableOffset, _sectorLog.Length) != 0)
        {
            WindowKernels.BalanceSectors(_theta, m, dl, dr, op.ObservableOffset, _sectorLog);
        }
        int remaining = m;
        if (op.CloseOffset >= 0)
        {
            WindowKernels.Project(_theta, _work, m, dl, dr, op.CloseOffset, Bit(syndrome, op.Detector));
            (_theta, _work) = (_work, _theta);
            _chain.Remove(start + op.CloseOffset);
            remaining--;
        }
        if (remaining > 0)
        {
            Split(start, remaining, dl, dr, op.Upward);
        }
        else if (_chain.Count == 0)
        {
            // Every site is closed (a model without observables): Θ is the 1 × 1 total weight, and the
            // sites opened later start again from product states.
            FoldScalar(_theta[0]);
            _chain.CenterIsFree = true;
        }
        else if (op.Upward ? start < _chain.Count : start == 0)
        {
            AbsorbIntoRight(start, dl, dr);
        }
        else
        {
            AbsorbIntoLeft(start - 1, dl, dr);
        }
        Normalize();
    }

    /// <summary>Θ[α, π_0 … π_{m−1}, β] = A_start ⋯ A_{start+m−1}, row-major, π_0 the most significant.</summary>
    private void ContractWindow(int start, int m)
    {
        int rows = 2 * _chain.Left(start), inner = _chain.Right(start);
        EnsureScratch(rows * inner);
        _chain.Site(start)[..(rows * inner)].CopyTo(_theta);
        for (int t = 1; t < m; t++)
        {
            int outer = 2 * _chain.Right(start + t);
            EnsureScratch(rows * outer);
            WindowKernels.Multiply(_theta.AsSpan(0, rows * inner), _chain.Site(start + t)[..(inner * outer)], rows, inner, outer, _work);
            (_theta, _work) = (_work, _theta);
            rows *= 2;
            inner = outer / 2;
        }
    }

    /// <summary>
    /// Splits Θ (dl, 2^count, dr) into <paramref name="count"/> sites at [start, start + count), peeling
    /// sites off in the sweep direction; the remainder becomes the centre on the last site reached.
    /// </summary>
    private void Split(int start, int count, int dl, int dr, bool upward)
    {
        if (upward)
        {
            int d = dl;
            for (int t = 0; t < count - 1; t++)
            {
                d = Peel(start + t, d, 2 * d, (1 << (count - 1 - t)) * dr, upward: true);
            }
            _theta.AsSpan(0, d * 2 * dr).CopyTo(_chain.Prepare(start + count - 1, d, dr));
            _chain.Center = start + count - 1;
        }
        else
        {
            int d = dr;
            for (int t = count - 1; t > 0; t--)
            {
                d = Peel(start + t, d, dl << t, 2 * d, upward: false);
            }
            _theta.AsSpan(0, dl * 2 * d).CopyTo(_chain.Prepare(start, dl, d));
            _chain.Center = start;
        }
    }

    /// <summary>
    /// Peels one site off Θ (rows × cols): upward the site is the left factor U (d, 2, bond), left-orthonormal,
    /// and Θ becomes S·Vᵀ (bond × cols); downward the site is the right factor Vᵀ (bond, 2, d) and Θ becomes
    /// U·S. The SVD keeps at most χ triplets (Eckart–Young truncation). Where the peeled side 2·d is at most
    /// χ and at most the other side, the factor is the identity and Θ is kept as it is: exact, no SVD.
    /// Returns the new bond.
    /// </summary>
    private int Peel(int slot, int d, int rows, int cols, bool upward)
    {
        int side = upward ? rows : cols, other = upward ? cols : rows;
        if (side <= _chi && side <= other)
        {
            _chain.SetIdentity(slot, d, leftBond: upward);
            return side;
        }
        Account(_svd.Decompose(_theta, rows, cols, _chi));
        int bond = _svd.Kept;
        if (upward)
        {
            _svd.WriteLeft(_chain.Prepare(slot, d, bond), scaled: false);
            _svd.WriteRight(_theta, scaled: true);
        }
        else
        {
            _svd.WriteRight(_chain.Prepare(slot, bond, d), scaled: false);
            _svd.WriteLeft(_theta, scaled: true);
        }
        return bond;
    }

    /// <summary>Site ← Θ (rows × inner) · site (inner × 2·outer): the left neighbour's remainder moves in; the site becomes the centre.</summary>
    private void AbsorbIntoRight(int site, int rows, int inner)
    {
        int outer = 2 * _chain.Right(site);
        EnsureScratch(rows * outer);
        WindowKernels.Multiply(_theta.AsSpan(0, rows * inner), _chain.Site(site)[..(inner * outer)], rows, inner, outer, _work);
        _work.AsSpan(0, rows * outer).CopyTo(_chain.Prepare(site, rows, outer / 2));
        _chain.Center = site;
    }

    /// <summary>Site ← site (2·left × inner) · Θ (inner × cols): the right neighbour's remainder moves in; the site becomes the centre.</summary>
    private void AbsorbIntoLeft(int site, int inner, int cols)
    {
        int rows = 2 * _chain.Left(site);
        EnsureScratch(rows * cols);
        WindowKernels.Multiply(_chain.Site(site)[..(rows * inner)], _theta.AsSpan(0, inner * cols), rows, inner, cols, _work);
        _work.AsSpan(0, rows * cols).CopyTo(_chain.Prepare(site, rows / 2, cols));
        _chain.Center = site;
    }

    /// <summary>Moves the orthogonality centre into [low, high] one bond at a time (a peel per bond; bonds never grow past χ).</summary>
    private void MoveCenterInto(int low, int high)
    {
        if (_chain.CenterIsFree)
        {
            _chain.Center = low;
            _chain.CenterIsFree = false;
            return;
        }
        while (_chain.Center < low || _chain.Center > high)
        {
            int c = _chain.Center, dl = _chain.Left(c), dr = _chain.Right(c);
            bool right = c < low;
            EnsureScratch(dl * 2 * dr);
            _chain.Site(c)[..(dl * 2 * dr)].CopyTo(_theta);
            if (right)
            {
                AbsorbIntoRight(c + 1, Peel(c, dl, 2 * dl, dr, upward: true), dr);
            }
            else
            {
                AbsorbIntoLeft(c - 1, dl, Peel(c, dr, dl, 2 * dr, upward: false));
            }
        }
    }

    /// <summary>Divides the centre by its norm and adds ln(norm) to the log scale; a zero norm means the syndrome is impossible.</summary>
    private void Normalize()
    {
        if (_chain.Count == 0)
        {
            return;
        }
        int c = _chain.Center;
        var center = _chain.Site(c)[..(_chain.Left(c) * 2 * _chain.Right(c))];
        double sum = 0;
        foreach (double v in center)
        {
            sum += v * v;
        }
        if (!(sum > 0))
        {
            _zero = true;
            return;
        }
        double norm = Math.Sqrt(sum);
        foreach (ref double v in center)
        {
            v /= norm;
        }
        _logScale += Math.Log(norm);
    }

    private void FoldScalar(double value)
    {
        if (value > 0)
        {
            _logScale += Math.Log(value);
        }
        else
        {
            _zero = true;
        }
    }

    private void Account(double discarded)
    {
        _decompositions++;
        if (discarded > 0)
        {
            _discarded += discarded;
            _truncations++;
        }
    }

    /// <summary>Contracts the observable sites into the 2^k class weights and undoes the scales.</summary>
    private void ReadOut(Span<double> logClassWeights)
    {
        int k = _program.NumObservables, classes = 1 << k;
        if (_zero)
        {
            logClassWeights[..classes].Fill(double.NegativeInfinity);
            return;
        }
        // Invariant: only the k observable sites remain, in order L0 … L(k−1), with outer bonds of 1.
        _theta[0] = 1;
        int rows = 1;
        for (int i = 0; i < _chain.Count; i++)
        {
            int inner = _chain.Left(i), outer = 2 * _chain.Right(i);
            EnsureScratch(rows * outer);
            WindowKernels.Multiply(_theta.AsSpan(0, rows * inner), _chain.Site(i)[..(inner * outer)], rows, inner, outer, _work);
            (_theta, _work) = (_work, _theta);
            rows *= 2;
        }
        for (int pattern = 0; pattern < classes; pattern++)
        {
            int c = 0;
            double sectors = 0;
            for (int i = 0; i < k; i++)
            {
                int bit = (pattern >> (k - 1 - i)) & 1;
                c |= bit << i;
                sectors += bit * _sectorLog[i];
            }
            double w = _theta[pattern];
            logClassWeights[c] = w > 0 ? _logScale + sectors + Math.Log(w) : double.NegativeInfinity;
        }
    }

    private void EnsureScratch(int length)
    {
        if (_theta.Length < length)
        {
            Array.Resize(ref _theta, length);
        }
        if (_work.Length < length)
        {
            Array.Resize(ref _work, length);
        }
    }
}

namespace Qec.TensorNetwork.Planar.Engine;

/// <summary>
/// Runs a <see cref="SweepProgram"/> on one syndrome: the boundary MPS ψ over the open parity sites,
/// ψ(π) = Σ over the applied mechanisms' outcomes whose parities on the open sites are π and which meet every closed
/// detector's syndrome bit, of the product of their priors. At the end only the observable sites remain and ψ(c) is
/// the weight of class c. Bond dimensions never exceed χ; the MPS is kept in mixed canonical form (sites left of the
/// orthogonality centre left-orthonormal, right of it right-orthonormal), so truncating the SVD of a window that holds
/// the centre is the best 2-norm approximation of the whole state (Bravyi, Suchara &amp; Vargo, PRA 90, 032326 (2014):
/// the DMRG-style compression of their boundary MPS; Schollwöck, Ann. Phys. 326, 96 (2011), Sec. 4.5).
/// </summary>
/// <remarks>
/// One engine for every device: all memory is the shot's (<typeparamref name="TShot"/>, laid out by
/// <see cref="BoundaryLayout"/>), the SVD is <see cref="JacobiSvd"/>, and nothing allocates, so the same code runs on the
/// CPU over arrays and in an ILGPU kernel, one thread per shot. The chain of sites is a table of slots: inserting or
/// removing a site moves ints, never tensors. Scaling: after every update the centre tensor is divided by its norm and
/// ln(norm) is added to a running log scale, and the observable sectors carry their own log factors
/// (<see cref="WindowOps.BalanceSectors{T}"/>), so entries stay near 1 whatever the distance.
/// </remarks>
public struct BoundarySweep<TShot, TProgram>
    where TShot : struct, IBoundaryShot
    where TProgram : struct, ISweepProgramView
{
    private readonly TShot _mem;
    private readonly TProgram _program;
    private readonly BoundaryLayout _layout;
    private int _count, _center, _freeCount, _theta, _work, _truncations, _decompositions;
    private bool _centerIsFree, _zero;
    private double _logScale, _discarded;

    /// <summary>A sweep over <paramref name="mem"/> (one shot's memory and syndrome).</summary>
    public BoundarySweep(TShot mem, TProgram program, BoundaryLayout layout)
    {
        _mem = mem;
        _program = program;
        _layout = layout;
        _theta = layout.ThetaA;
        _work = layout.ThetaB;
    }

    /// <summary>True when a site or the chain outgrew the layout (a bug, never a property of the syndrome); the
    /// output is then −∞ for every class.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Contracts the network and writes ln Z(c | s) for every class c (bit i of c = observable L_i), −∞ where the
    /// weight is zero (or not positive after truncation).</summary>
    public BoundaryMpsResult Run()
    {
        int k = _layout.Observables;
        for (int i = 0; i < k; i++)
        {
            _mem.Set(_layout.SectorLog + i, 0.0);
        }
        ResetChain(k);
        for (int i = 0; i < _program.DeadCount; i++)
        {
            _zero |= _mem.SyndromeBit(_program.Dead(i)) != 0;
        }
        for (int i = 0; i < _program.StepCount && !_zero; i++)
        {
            var step = _program.Step(i);
            if (step.Open != 0)
            {
                InsertEmpty(step.Start);
            }
            else
            {
                Update(step);
            }
        }
        ReadOut();
        return new BoundaryMpsResult(_discarded, _truncations, _decompositions);
    }

    /// <summary>Contract window → flip → balance → project → split: one step of the sweep.</summary>
    private void Update(SweepStep step)
    {
        int start = step.Start, m = step.Length;
        MoveCenterInto(start, start + m - 1);
        int dl = Left(start), dr = Right(start + m - 1);
        ContractWindow(start, m);
        var sectors = _layout.SectorLog;
        for (int g = 0; g < step.GateCount; g++)
        {
            WindowOps.ApplyFlip(_mem, _theta, m, dl, dr, _program.Gate(step.FirstGate + g), step.ObservableOffset, sectors, _layout.Observables);
        }
        if (WindowOps.ObservableBits(m, step.ObservableOffset, _layout.Observables) != 0)
        {
            WindowOps.BalanceSectors(_mem, _theta, m, dl, dr, step.ObservableOffset, sectors, _layout.Observables);
        }
        int remaining = m;
        if (step.CloseOffset >= 0)
        {
            WindowOps.Project(_mem, _theta, _work, m, dl, dr, step.CloseOffset, _mem.SyndromeBit(step.Detector));
            SwapWindows();
            Remove(start + step.CloseOffset);
            remaining--;
        }
        if (remaining > 0)
        {
            Split(start, remaining, dl, dr, step.Upward != 0);
        }
        else if (_count == 0)
        {
            // Every site is closed (a model without observables): Θ is the 1 × 1 total weight, and the sites opened
            // later start again from product states.
            FoldScalar(_mem.Get(_theta));
            _centerIsFree = true;
        }
        else if (step.Upward != 0 ? start < _count : start == 0)
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
        int rows = 2 * Left(start), inner = Right(start);
        WindowOps.Copy(_mem, Site(start), _theta, rows * inner);
        for (int t = 1; t < m; t++)
        {
            int outer = 2 * Right(start + t);
            WindowOps.Multiply(_mem, _theta, Site(start + t), rows, inner, outer, _work);
            SwapWindows();
            rows *= 2;
            inner = outer / 2;
        }
    }

    /// <summary>Splits Θ (dl, 2^count, dr) into <paramref name="count"/> sites at [start, start + count), peeling sites
    /// off in the sweep direction; the remainder becomes the centre on the last site reached.</summary>
    private void Split(int start, int count, int dl, int dr, bool upward)
    {
        if (upward)
        {
            int d = dl;
            for (int t = 0; t < count - 1; t++)
            {
                d = Peel(start + t, d, 2 * d, (1 << (count - 1 - t)) * dr, upward: true);
            }
            WindowOps.Copy(_mem, _theta, Prepare(start + count - 1, d, dr), d * 2 * dr);
            _center = start + count - 1;
        }
        else
        {
            int d = dr;
            for (int t = count - 1; t > 0; t--)
            {
                d = Peel(start + t, d, dl << t, 2 * d, upward: false);
            }
            WindowOps.Copy(_mem, _theta, Prepare(start, dl, d), dl * 2 * d);
            _center = start;
        }
    }

    /// <summary>
    /// Peels one site off Θ (rows × cols): upward the site is the left factor U (d, 2, bond), left-orthonormal, and Θ
    /// becomes S·Vᵀ (bond × cols); downward the site is the right factor Vᵀ (bond, 2, d) and Θ becomes U·S. The SVD keeps
    /// at most χ triplets (Eckart–Young truncation). Where the peeled side 2·d is at most χ and at most the other side,
    /// the factor is the identity and Θ is kept as it is: exact, no SVD. Returns the new bond.
    /// </summary>
    private int Peel(int slot, int d, int rows, int cols, bool upward)
    {
        int side = upward ? rows : cols, other = upward ? cols : rows;
        if (side <= _layout.Chi && side <= other)
        {
            SetIdentity(slot, d, leftBond: upward);
            return side;
        }
        var svd = JacobiSvd.Decompose(_mem, _layout, _theta, rows, cols, _layout.Chi);
        _decompositions++;
        if (svd.Discarded > 0)
        {
            _discarded += svd.Discarded;
            _truncations++;
        }
        int bond = svd.Kept;
        if (upward)
        {
            JacobiSvd.WriteLeft(_mem, _layout, svd, Prepare(slot, d, bond), scaled: false);
            JacobiSvd.WriteRight(_mem, _layout, svd, _theta, scaled: true);
        }
        else
        {
            JacobiSvd.WriteRight(_mem, _layout, svd, Prepare(slot, bond, d), scaled: false);
            JacobiSvd.WriteLeft(_mem, _layout, svd, _theta, scaled: true);
        }
        return bond;
    }

    /// <summary>Site ← Θ (rows × inner) · site (inner × 2·outer): the left neighbour's remainder moves in; the site becomes the centre.</summary>
    private void AbsorbIntoRight(int site, int rows, int inner)
    {
        int outer = 2 * Right(site);
        WindowOps.Multiply(_mem, _theta, Site(site), rows, inner, outer, _work);
        WindowOps.Copy(_mem, _work, Prepare(site, rows, outer / 2), rows * outer);
        _center = site;
    }

    /// <summary>Site ← site (2·left × inner) · Θ (inner × cols): the right neighbour's remainder moves in; the site becomes the centre.</summary>
    private void AbsorbIntoLeft(int site, int inner, int cols)
    {
        int rows = 2 * Left(site);
        WindowOps.Multiply(_mem, Site(site), _theta, rows, inner, cols, _work);
        WindowOps.Copy(_mem, _work, Prepare(site, rows / 2, cols), rows * cols);
        _center = site;
    }

    /// <summary>Moves the orthogonality centre into [low, high] one bond at a time (a peel per bond; bonds never grow past χ).</summary>
    private void MoveCenterInto(int low, int high)
    {
        if (_centerIsFree)
        {
            _center = low;
            _centerIsFree = false;
            return;
        }
        while (_center < low || _center > high)
        {
            int c = _center, dl = Left(c), dr = Right(c);
            WindowOps.Copy(_mem, Site(c), _theta, dl * 2 * dr);
            if (c < low)
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
        if (_count == 0)
        {
            return;
        }
        int site = Site(_center), length = Left(_center) * 2 * Right(_center);
        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            double v = _mem.Get(site + i);
            sum += v * v;
        }
        if (!(sum > 0))
        {
            _zero = true;
            return;
        }
        double norm = Math.Sqrt(sum);
        for (int i = 0; i < length; i++)
        {
            _mem.Set(site + i, _mem.Get(site + i) / norm);
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

    /// <summary>Contracts the observable sites into the 2^k class weights and undoes the scales.</summary>
    private void ReadOut()
    {
        int k = _layout.Observables, classes = 1 << k;
        if (_zero || Overflowed)
        {
            for (int c = 0; c < classes; c++)
            {
                _mem.SetLogWeight(c, double.NegativeInfinity);
            }
            return;
        }
        // Invariant: only the k observable sites remain, in order L0 … L(k−1), with outer bonds of 1.
        _mem.Set(_theta, 1.0);
        int rows = 1;
        for (int i = 0; i < _count; i++)
        {
            int inner = Left(i), outer = 2 * Right(i);
            WindowOps.Multiply(_mem, _theta, Site(i), rows, inner, outer, _work);
            SwapWindows();
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
                sectors += bit * _mem.Get(_layout.SectorLog + i);
            }
            double w = _mem.Get(_theta + pattern);
            _mem.SetLogWeight(c, w > 0 ? _logScale + sectors + Math.Log(w) : double.NegativeInfinity);
        }
    }

    private void SwapWindows() => (_theta, _work) = (_work, _theta);

    // ---- the chain: position i → slot, bonds by position; slots recycled through a stack ----

    private readonly int Left(int i) => _mem.GetInt(_layout.LeftBond + i);

    private readonly int Right(int i) => _mem.GetInt(_layout.RightBond + i);

    /// <summary>Offset of the tensor A_i[α, s, β] of chain position i (row-major).</summary>
    private readonly int Site(int i) => _layout.Sites + _mem.GetInt(_layout.SlotOf + i) * _layout.SiteSize;

    /// <summary>Sets the bonds of position i and returns its tensor's offset (contents unspecified).</summary>
    private int Prepare(int i, int left, int right)
    {
        if (left * 2 * right > _layout.SiteSize)
        {
            Overflowed = true;
            _zero = true;
            left = right = 1;
        }
        _mem.SetInt(_layout.LeftBond + i, left);
        _mem.SetInt(_layout.RightBond + i, right);
        return Site(i);
    }

    /// <summary>Empties the chain and fills it with <paramref name="observables"/> sites in state |0⟩ (bonds 1).</summary>
    private void ResetChain(int observables)
    {
        _count = 0;
        _freeCount = _layout.Capacity;
        for (int j = 0; j < _layout.Capacity; j++)
        {
            _mem.SetInt(_layout.FreeSlots + j, _layout.Capacity - 1 - j);
        }
        for (int i = 0; i < observables; i++)
        {
            InsertAt(i);
            int site = Prepare(i, 1, 1);
            _mem.Set(site, 1.0);
            _mem.Set(site + 1, 0.0);
        }
        _center = 0;
        _centerIsFree = true;
    }

    /// <summary>Opens a detector at <paramref name="index"/>: a site with A[α, 0, β] = δ_αβ, A[α, 1, β] = 0 on the bond it
    /// splits (no mechanism has flipped it yet). The identity is orthonormal both ways, so the canonical form survives.</summary>
    private void InsertEmpty(int index)
    {
        int d = _count == 0 ? 1 : index < _count ? Left(index) : Right(index - 1);
        bool shifts = _count > 0 && index <= _center;
        InsertAt(index);
        int site = Prepare(index, d, d);
        WindowOps.Clear(_mem, site, 2 * d * d);
        for (int a = 0; a < d; a++)
        {
            _mem.Set(site + a * 2 * d + a, 1.0);
        }
        if (shifts)
        {
            _center++;
        }
    }

    /// <summary>Position i becomes the (2d) × (2d) identity: as a (d, 2, 2d) tensor left-orthonormal, as (2d, 2, d) right-orthonormal.</summary>
    private void SetIdentity(int i, int d, bool leftBond)
    {
        int site = Prepare(i, leftBond ? d : 2 * d, leftBond ? 2 * d : d);
        WindowOps.Clear(_mem, site, 4 * d * d);
        for (int r = 0; r < 2 * d; r++)
        {
            _mem.Set(site + r * 2 * d + r, 1.0);
        }
    }

    private void InsertAt(int i)
    {
        if (_count == _layout.Capacity || _freeCount == 0)
        {
            Overflowed = true;
            _zero = true;
            return;
        }
        for (int j = _count - 1; j >= i; j--)
        {
            MovePosition(j, j + 1);
        }
        _mem.SetInt(_layout.SlotOf + i, _mem.GetInt(_layout.FreeSlots + --_freeCount));
        _count++;
    }

    /// <summary>Removes position i (its slot goes back to the stack); the caller re-establishes the centre.</summary>
    private void Remove(int i)
    {
        _mem.SetInt(_layout.FreeSlots + _freeCount++, _mem.GetInt(_layout.SlotOf + i));
        for (int j = i; j < _count - 1; j++)
        {
            MovePosition(j + 1, j);
        }
        _count--;
    }

    private readonly void MovePosition(int from, int to)
    {
        _mem.SetInt(_layout.SlotOf + to, _mem.GetInt(_layout.SlotOf + from));
        _mem.SetInt(_layout.LeftBond + to, _mem.GetInt(_layout.LeftBond + from));
        _mem.SetInt(_layout.RightBond + to, _mem.GetInt(_layout.RightBond + from));
    }
}

namespace Qec.TensorNetwork.Planar;

/// <summary>
/// Plays one sweep of a <see cref="PlanarLayout"/> symbolically and records its operations. The front
/// (the chain of MPS sites) holds the open detectors (touched by an applied mechanism, not yet closed)
/// ordered by (secondary, primary) coordinate, plus the observable sites at one end. Detectors are
/// visited in sweep order; at detector D every mechanism not applied yet that flips D is applied (all
/// its other detectors come later, so they are opened first), then D is closed: projected onto s_D.
/// This is the detector-by-detector form of the boundary-MPS contraction of Bravyi, Suchara &amp; Vargo,
/// PRA 90, 032326 (2014): the front plays the role of their boundary MPS, one column of the planar
/// network is absorbed per column of detectors.
/// </summary>
/// <remarks>
/// Mechanisms applied at one detector form one or more windows: a mechanism's window is the hull of
/// its sites on the front; windows that nest are fused into one update, others stay separate updates
/// (ordered in the sweep direction), and the last update closes D. A window longer than
/// <see cref="SweepProgram.MaxWindowSites"/> means the model is not local in this orientation.
/// </remarks>
internal sealed class SweepProgramBuilder
{
    private readonly PlanarLayout _layout;
    private readonly SweepOrientation _orientation;
    private readonly List<int> _chain = [];
    private readonly List<SweepOperation> _operations = [];
    private readonly List<SweepGate> _gates = [];
    private readonly bool[] _applied;
    private int _center;
    private bool _centerFree = true;
    private int _maxWindow;
    private int _maxChain;
    private long _decompositions;
    private long _windowWork;

    private SweepProgramBuilder(PlanarLayout layout, SweepOrientation orientation)
    {
        _layout = layout;
        _orientation = orientation;
        _applied = new bool[layout.NumMechanisms];
    }

    /// <summary>The sweep of one orientation, or null with the reason it is not local.</summary>
    public static SweepProgram? TryBuild(PlanarLayout layout, SweepOrientation orientation, out string failure)
    {
        var builder = new SweepProgramBuilder(layout, orientation);
        failure = builder.Run() ?? "";
        return failure.Length > 0 ? null : builder.Finish();
    }

    private string? Run()
    {
        for (int i = 0; i < _layout.NumObservables; i++)
        {
            _chain.Add(~i);
        }
        _maxChain = _chain.Count;
        // Mechanisms that flip only observables touch no detector: apply them before the sweep.
        var observableOnly = new List<int>();
        for (int j = 0; j < _layout.NumMechanisms; j++)
        {
            if (_layout.DetectorsOf[j].Length == 0)
            {
                observableOnly.Add(j);
                _applied[j] = true;
            }
        }
        if (observableOnly.Count > 0 && Emit(observableOnly, Hull(observableOnly), -1, upward: true) is { } fail)
        {
            return fail;
        }
        foreach (var (detector, upward) in VisitOrder())
        {
            if (VisitDetector(detector, upward) is { } failure)
            {
                return failure;
            }
        }
        return null;
    }

    /// <summary>Live detectors sorted by (primary, secondary), columns of equal primary alternately up and down.</summary>
    private List<(int Detector, bool Upward)> VisitOrder()
    {
        var live = new List<int>();
        for (int d = 0; d < _layout.NumDetectors; d++)
        {
            if (_layout.IsLive(d))
            {
                live.Add(d);
            }
        }
        live.Sort((a, b) =>
        {
            int c = Primary(a).CompareTo(Primary(b));
            return c != 0 ? c : Secondary(a).CompareTo(Secondary(b));
        });
        var order = new List<(int, bool)>(live.Count);
        bool upward = true;
        for (int start = 0; start < live.Count;)
        {
            int end = start;
            while (end < live.Count && Primary(live[end]) == Primary(live[start]))
            {
                end++;
            }
            for (int i = 0; i < end - start; i++)
            {
                order.Add((live[upward ? start + i : end - 1 - i], upward));
            }
            upward = !upward;
            start = end;
        }
        return order;
    }

    private string? VisitDetector(int detector, bool upward)
    {
        var pending = new List<int>();
        foreach (int j in _layout.MechanismsOf[detector])
        {
            if (!_applied[j])
            {
                _applied[j] = true;
                pending.Add(j);
            }
        }
        Open(detector);
        foreach (int j in pending)
        {
            foreach (int d in _layout.DetectorsOf[j])
            {
                Open(d);
            }
        }
        if (pending.Count == 0)
        {
            int p = _chain.IndexOf(detector);
            return Emit([], (p, p), detector, upward);
        }
        var groups = NestedGroups(pending, upward);
        for (int g = 0; g < groups.Count; g++)
        {
            if (Emit(groups[g].Mechanisms, groups[g].Window, g == groups.Count - 1 ? detector : -1, upward) is { } failure)
            {
                return failure;
            }
        }
        return null;
    }

    /// <summary>
    /// Mechanisms in sweep order of their windows (ascending start upward, descending end downward),
    /// fused while one window contains the other: each group becomes one update.
    /// </summary>
    private List<(List<int> Mechanisms, (int Low, int High) Window)> NestedGroups(List<int> pending, bool upward)
    {
        var windows = new List<(int Mechanism, int Low, int High)>(pending.Count);
        foreach (int j in pending)
        {
            var (low, high) = Hull([j]);
            windows.Add((j, low, high));
        }
        windows.Sort((a, b) => upward
            ? (a.Low != b.Low ? a.Low.CompareTo(b.Low) : a.High.CompareTo(b.High))
            : (a.High != b.High ? b.High.CompareTo(a.High) : b.Low.CompareTo(a.Low)));
        var groups = new List<(List<int>, (int, int))>();
        List<int>? current = null;
        int lo = 0, hi = -1;
        foreach (var (j, low, high) in windows)
        {
            bool nested = current is not null && ((low >= lo && high <= hi) || (low <= lo && high >= hi));
            if (nested)
            {
                current!.Add(j);
                (lo, hi) = (Math.Min(lo, low), Math.Max(hi, high));
                groups[^1] = (current, (lo, hi));
                continue;
            }
            current = [j];
            (lo, hi) = (low, high);
            groups.Add((current, (lo, hi)));
        }
        return groups;
    }

    /// <summary>Records one update; returns why it cannot be done when its window is too long.</summary>
    private string? Emit(List<int> mechanisms, (int Low, int High) window, int closing, bool upward)
    {
        int start = window.Low, length = window.High - window.Low + 1;
        if (length > SweepProgram.MaxWindowSites)
        {
            int widest = mechanisms[0];
            foreach (int j in mechanisms)
            {
                var (l, h) = Hull([j]);
                var (wl, wh) = Hull([widest]);
                widest = h - l > wh - wl ? j : widest;
            }
            return $"{_layout.Describe(widest)} spans {length} sites of the sweep front {_orientation} " +
                $"(at most {SweepProgram.MaxWindowSites}): its detectors are not neighbours in the plane";
        }
        int firstGate = _gates.Count;
        foreach (int j in mechanisms)
        {
            int mask = 0;
            foreach (int d in _layout.DetectorsOf[j])
            {
                mask |= 1 << (length - 1 - (_chain.IndexOf(d) - start));
            }
            foreach (int o in _layout.ObservablesOf[j])
            {
                mask |= 1 << (length - 1 - (_chain.IndexOf(~o) - start));
            }
            _gates.Add(new SweepGate(mask, _layout.Priors[j], j));
        }
        int closeOffset = closing >= 0 ? _chain.IndexOf(closing) - start : -1;
        int observableOffset = _layout.NumObservables > 0 ? _chain.IndexOf(~0) - start : 0;
        _operations.Add(new SweepOperation(SweepOperationKind.Update, start, length, firstGate, mechanisms.Count, closeOffset,
            closing, observableOffset, upward));
        Account(start, length, closing >= 0, upward);
        if (closing >= 0)
        {
            _chain.RemoveAt(start + closeOffset);
        }
        return null;
    }

    /// <summary>Tracks the orientation's cost and the orthogonality centre exactly as <see cref="Engine.BoundarySweep{TShot, TProgram}"/> moves it.</summary>
    private void Account(int start, int length, bool closes, bool upward)
    {
        _maxWindow = Math.Max(_maxWindow, length);
        if (!_centerFree)
        {
            _decompositions += _center < start ? start - _center : Math.Max(0, _center - (start + length - 1));
        }
        int remaining = length - (closes ? 1 : 0);
        _decompositions += Math.Max(0, remaining - 1);
        _windowWork += 1L << length;
        int count = _chain.Count - (closes ? 1 : 0);
        _centerFree = count == 0;
        _center = remaining > 0 ? (upward ? start + remaining - 1 : start)
            : upward ? (start < count ? start : Math.Max(0, start - 1))
            : (start > 0 ? start - 1 : 0);
    }

    private void Open(int detector)
    {
        if (_chain.Contains(detector))
        {
            return;
        }
        int index = 0;
        while (index < _chain.Count && Compare(_chain[index], detector) < 0)
        {
            index++;
        }
        _chain.Insert(index, detector);
        if (index <= _center && _chain.Count > 1)
        {
            _center++;
        }
        _maxChain = Math.Max(_maxChain, _chain.Count);
        _operations.Add(new SweepOperation(SweepOperationKind.Open, index, 1, 0, 0, -1, detector, 0, true));
    }

    /// <summary>First and last front index of the sites (detectors, observables) of some mechanisms.</summary>
    private (int Low, int High) Hull(List<int> mechanisms)
    {
        int low = int.MaxValue, high = int.MinValue;
        foreach (int j in mechanisms)
        {
            foreach (int d in _layout.DetectorsOf[j])
            {
                int p = _chain.IndexOf(d);
                (low, high) = (Math.Min(low, p), Math.Max(high, p));
            }
            foreach (int o in _layout.ObservablesOf[j])
            {
                int p = _chain.IndexOf(~o);
                (low, high) = (Math.Min(low, p), Math.Max(high, p));
            }
        }
        return (low, high);
    }

    /// <summary>Front order: observables at their end (by index), detectors by (secondary, primary).</summary>
    private int Compare(int a, int b)
    {
        int ra = Rank(a), rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }
        if (a < 0)
        {
            return (~a).CompareTo(~b);
        }
        int c = Secondary(a).CompareTo(Secondary(b));
        return c != 0 ? c : Primary(a).CompareTo(Primary(b));
    }

    private int Rank(int site) => site >= 0 ? 1 : _orientation.ObservablesHigh ? 2 : 0;

    private double Primary(int d) => _orientation.AlongY ? _layout.Y[d] : _layout.X[d];

    private double Secondary(int d) => _orientation.AlongY ? _layout.X[d] : _layout.Y[d];

    private SweepProgram Finish()
    {
        var dead = new List<int>();
        for (int d = 0; d < _layout.NumDetectors; d++)
        {
            if (!_layout.IsLive(d))
            {
                dead.Add(d);
            }
        }
        return new SweepProgram(_orientation, [.. _operations], [.. _gates], _layout.NumDetectors, _layout.NumObservables,
            [.. dead], _maxWindow, _maxChain, _decompositions, _windowWork);
    }
}

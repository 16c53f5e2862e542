using System.Numerics;
using Qec.Core.Graphs;

namespace Qec.TensorNetwork.Decoding.Pruned;

/// <summary>
/// The sweep of pruned mode, fixed per model: mechanisms in <see cref="SweepOrder"/>, and the frontier of
/// the sweep as bit slots of a 128-bit state. Slot o &lt; k is observable o for the whole sweep; a detector
/// takes a free slot at its first mechanism and gives it back after its last one (its retirement), when
/// the state's bit there must equal the syndrome bit. Invariant: after step t, bit slot(c) of a state is the
/// parity of the first t+1 mechanisms on detector c, for every detector open at t.
/// </summary>
public sealed class FrontierSchedule
{
    /// <summary>Bits of the state: observables plus the widest frontier must fit.</summary>
    public const int StateBits = 128;

    private readonly UInt128[] _flips;    // per step: the slots its mechanism flips
    private readonly double[] _priors;    // per step: its probability
    private readonly UInt128[] _retired;  // per step: the slots retired after it
    private readonly UInt128[] _opened;   // per step: the slots its mechanism opens (detectors first flipped there)
    private readonly int[] _openedAt;     // per detector: the step that opens it
    private readonly int[] _retiredAt;    // per detector: the step after which it retires (−1: no mechanism flips it)
    private readonly int[] _slot;         // per detector: its slot

    /// <summary>Builds the schedule; throws <see cref="ArgumentException"/> when the frontier needs more than 128 bits.</summary>
    public FrontierSchedule(CheckMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var h = matrix.Detectors;
        int k = matrix.Observables.Rows;
        int[] order = SweepOrder.Best(matrix).Order;
        _retiredAt = new int[h.Rows];
        Array.Fill(_retiredAt, -1);
        for (int t = 0; t < order.Length; t++)
        {
            foreach (int c in h.ColumnEntries(order[t]))
            {
                _retiredAt[c] = t;
            }
        }
        _slot = new int[h.Rows];
        Array.Fill(_slot, -1);
        var free = new Stack<int>(Enumerable.Range(k, StateBits - k).Reverse());
        var observableFlips = ObservableMasks(matrix);
        _flips = new UInt128[order.Length];
        _priors = new double[order.Length];
        _retired = new UInt128[order.Length];
        _opened = new UInt128[order.Length];
        _openedAt = new int[h.Rows];
        for (int t = 0; t < order.Length; t++)
        {
            int j = order[t];
            _priors[t] = matrix.Priors[j];
            UInt128 flips = observableFlips[j];
            foreach (int c in h.ColumnEntries(j))
            {
                if (_slot[c] < 0)
                {
                    _openedAt[c] = t;
                    _slot[c] = free.Count > 0 ? free.Pop() : throw new ArgumentException(
                        $"tn (mode=pruned): the sweep's frontier needs more than {StateBits - k} detector bits at mechanism {t} of {order.Length}; this model is too wide for pruned mode");
                    Width = Math.Max(Width, StateBits - free.Count);
                    _opened[t] |= UInt128.One << _slot[c];
                }
                flips |= UInt128.One << _slot[c];
            }
            _flips[t] = flips;
            foreach (int c in h.ColumnEntries(j))
            {
                if (_retiredAt[c] == t)
                {
                    _retired[t] |= UInt128.One << _slot[c];
                    free.Push(_slot[c]);
                }
            }
        }
        NumObservables = k;
        double logPriors = 0;
        foreach (double p in matrix.Priors)
        {
            logPriors += Math.Log(Math.Clamp(p, 1e-300, 0.5));
        }
        MismatchFactor = Math.Exp(0.5 * logPriors / Math.Max(1, matrix.NumMechanisms));
    }

    /// <summary>
    /// √(geometric mean prior): what one open detector whose parity still differs from its syndrome bit
    /// costs a state's prospects (some later mechanism must flip it; a mechanism flips about two).
    /// </summary>
    public double MismatchFactor { get; }

    /// <summary>Steps (mechanisms) of the sweep.</summary>
    public int Steps => _flips.Length;

    /// <summary>Observables k: slots 0 … k−1.</summary>
    public int NumObservables { get; }

    /// <summary>Most slots in use at once (observables plus the widest frontier).</summary>
    public int Width { get; private set; }

    /// <summary>Slots flipped by step t's mechanism.</summary>
    public ReadOnlySpan<UInt128> Flips => _flips;

    /// <summary>Probability of step t's mechanism.</summary>
    public ReadOnlySpan<double> Priors => _priors;

    /// <summary>Slots retired after step t.</summary>
    public ReadOnlySpan<UInt128> Retired => _retired;

    /// <summary>Slots opened by step t (before its mechanism applies).</summary>
    public ReadOnlySpan<UInt128> Opened => _opened;

    /// <summary>
    /// Writes, for each step, the bits its retired slots must hold under <paramref name="syndrome"/> (b8) into
    /// <paramref name="expected"/> and the syndrome bits of the slots it opens into <paramref name="targets"/>
    /// (both cleared first), as states of <typeparamref name="TKey"/> (wide enough for <see cref="Width"/>);
    /// false when a detector no mechanism flips fired (an impossible syndrome).
    /// </summary>
    public bool Expect<TKey>(ReadOnlySpan<byte> syndrome, Span<TKey> expected, Span<TKey> targets)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        expected.Clear();
        targets.Clear();
        for (int c = 0; c < _slot.Length; c++)
        {
            if (((syndrome[c >> 3] >> (c & 7)) & 1) == 0)
            {
                continue;
            }
            if (_retiredAt[c] < 0)
            {
                return false;
            }
            expected[_retiredAt[c]] |= TKey.One << _slot[c];
            targets[_openedAt[c]] |= TKey.One << _slot[c];
        }
        return true;
    }

    private static UInt128[] ObservableMasks(CheckMatrix matrix)
    {
        var masks = new UInt128[matrix.NumMechanisms];
        for (int o = 0; o < matrix.Observables.Rows; o++)
        {
            foreach (int j in matrix.Observables.RowEntries(o))
            {
                masks[j] |= UInt128.One << o;
            }
        }
        return masks;
    }
}

namespace Qec.Circuits.Analysis;

/// <summary>
/// Collects independent error mechanisms keyed by (symptom set, tag), merging equal keys: two
/// independent mechanisms with the same symptoms fire an odd number of times with probability
/// p₁(1−p₂) + (1−p₁)p₂. Merges happen in the order the backward sweep meets the mechanisms and with
/// Stim's arithmetic (see <see cref="Xor"/>), so the merged doubles are Stim's bit for bit.
/// </summary>
internal sealed class ErrorAccumulator
{
    private readonly Dictionary<ErrorKey, int> _index = new(ErrorKeyComparer.Instance);
    private readonly List<ErrorKey> _keys = [];
    private readonly List<double> _probabilities = [];
    private readonly MergeArithmetic _arithmetic;

    /// <summary>Creates an empty accumulator merging with the given rounding.</summary>
    public ErrorAccumulator(MergeArithmetic arithmetic = MergeArithmetic.FuseFirst) => _arithmetic = arithmetic;

    /// <summary>Number of distinct keys (including empty and zero-probability ones).</summary>
    public int Count => _keys.Count;

    /// <summary>Adds a mechanism with sorted symptoms (copied when new).</summary>
    public void Add(double probability, ReadOnlySpan<ulong> sortedTargets, string tag)
    {
        var probe = new ErrorKey(sortedTargets.ToArray(), tag);
        if (!_index.TryGetValue(probe, out int i))
        {
            i = _keys.Count;
            _index.Add(probe, i);
            _keys.Add(probe);
            _probabilities.Add(0);
        }
        _probabilities[i] = Xor(_probabilities[i], probability, _arithmetic);
    }

    /// <summary>
    /// Probability that exactly one of two independent mechanisms fires. Stim evaluates
    /// <c>old*(1-p) + (1-old)*p</c> in C++ compiled with FMA contraction: GCC fuses the first
    /// product into the addition, fma(old, 1−p, (1−old)·p). The reference DEMs decide it: with
    /// <see cref="MergeArithmetic.FuseFirst"/> all 31 reference circuits with a plain DEM match Stim's
    /// bytes, with plain rounding 7 differ, fusing the other product 15 (ArithmeticTests).
    /// </summary>
    public static double Xor(double old, double p, MergeArithmetic arithmetic = MergeArithmetic.FuseFirst) => arithmetic switch
    {
        MergeArithmetic.Plain => old * (1 - p) + (1 - old) * p,
        MergeArithmetic.FuseFirst => Math.FusedMultiplyAdd(old, 1 - p, (1 - old) * p),
        _ => Math.FusedMultiplyAdd(1 - old, p, old * (1 - p)),
    };

    /// <summary>
    /// The mechanisms with non-empty symptoms and non-zero probability in Stim's output order
    /// (lexicographic by symptom list, then tag), then clears the accumulator.
    /// </summary>
    public List<(ErrorKey Key, double Probability)> Drain()
    {
        var result = new List<(ErrorKey, double)>(_keys.Count);
        for (int i = 0; i < _keys.Count; i++)
        {
            if (_keys[i].Targets.Length > 0 && _probabilities[i] != 0)
            {
                result.Add((_keys[i], _probabilities[i]));
            }
        }
        result.Sort((a, b) =>
        {
            int c = SymptomTarget.Compare(a.Item1.Targets, b.Item1.Targets);
            return c != 0 ? c : string.CompareOrdinal(a.Item1.Tag, b.Item1.Tag);
        });
        _index.Clear();
        _keys.Clear();
        _probabilities.Clear();
        return result;
    }
}

/// <summary>How <see cref="ErrorAccumulator.Xor"/> rounds.</summary>
internal enum MergeArithmetic
{
    /// <summary>Two roundings per product, one per sum.</summary>
    Plain,
    /// <summary>fma(old, 1−p, (1−old)·p).</summary>
    FuseFirst,
    /// <summary>fma(1−old, p, old·(1−p)).</summary>
    FuseSecond,
}

/// <summary>A symptom set (sorted <see cref="SymptomTarget"/> values) and the tag of its instruction.</summary>
internal readonly record struct ErrorKey(ulong[] Targets, string Tag);

/// <summary>Compares <see cref="ErrorKey"/>s by content.</summary>
internal sealed class ErrorKeyComparer : IEqualityComparer<ErrorKey>
{
    public static readonly ErrorKeyComparer Instance = new();

    public bool Equals(ErrorKey x, ErrorKey y) => x.Targets.AsSpan().SequenceEqual(y.Targets) && x.Tag == y.Tag;

    public int GetHashCode(ErrorKey key)
    {
        var h = new HashCode();
        foreach (ulong t in key.Targets)
        {
            h.Add(t);
        }
        h.Add(key.Tag.Length);
        return h.ToHashCode();
    }
}

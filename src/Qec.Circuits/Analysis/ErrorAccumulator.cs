using System.Runtime.InteropServices;

namespace Qec.Circuits.Analysis;

/// <summary>
/// Collects independent error mechanisms keyed by (symptom list, tag), merging equal keys: two
/// independent mechanisms with the same symptoms fire an odd number of times with probability
/// p₁(1−p₂) + (1−p₁)p₂. Merges happen in the order the backward sweep meets the mechanisms and with
/// Stim's arithmetic (see <see cref="Xor"/>), so the merged doubles are Stim's bit for bit. A symptom
/// list is sorted; a decomposed one is its sorted pieces joined by <see cref="SymptomTarget.Separator"/>.
/// </summary>
internal sealed class ErrorAccumulator
{
    private readonly Dictionary<ErrorKey, double> _map = new(ErrorKeyComparer.Instance);
    private readonly MergeArithmetic _arithmetic;

    /// <summary>Creates an empty accumulator merging with the given rounding.</summary>
    public ErrorAccumulator(MergeArithmetic arithmetic = MergeArithmetic.FuseFirst) => _arithmetic = arithmetic;

    /// <summary>Number of distinct keys (including empty and zero-probability ones).</summary>
    public int Count => _map.Count;

    /// <summary>Adds a mechanism with the given symptoms (copied when new).</summary>
    public void Add(double probability, ReadOnlySpan<ulong> targets, string tag)
    {
        var lookup = _map.GetAlternateLookup<ErrorKeyView>();
        if (lookup.TryGetValue(new ErrorKeyView(targets, tag), out double old))
        {
            lookup[new ErrorKeyView(targets, tag)] = Xor(old, probability, _arithmetic);
        }
        else
        {
            _map.Add(new ErrorKey(targets.ToArray(), tag), Xor(0, probability, _arithmetic));
        }
    }

    /// <summary>Adds a mechanism whose symptom array the caller hands over (not copied).</summary>
    public void Add(double probability, ErrorKey key)
    {
        ref double p = ref CollectionsMarshal.GetValueRefOrAddDefault(_map, key, out _);
        p = Xor(p, probability, _arithmetic);
    }

    /// <summary>Removes a key and returns its probability.</summary>
    public double Remove(ErrorKey key)
    {
        _map.Remove(key, out double p);
        return p;
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
    /// The mechanisms with non-empty symptoms and non-zero probability in Stim's order
    /// (lexicographic by symptom list, then tag).
    /// </summary>
    public List<(ErrorKey Key, double Probability)> Sorted()
    {
        var result = new List<(ErrorKey, double)>(_map.Count);
        foreach (var (key, p) in _map)
        {
            if (key.Targets.Length > 0 && p != 0)
            {
                result.Add((key, p));
            }
        }
        result.Sort((a, b) =>
        {
            int c = SymptomTarget.Compare(a.Item1.Targets, b.Item1.Targets);
            return c != 0 ? c : string.CompareOrdinal(a.Item1.Tag, b.Item1.Tag);
        });
        return result;
    }

    /// <summary><see cref="Sorted"/>, then clears the accumulator.</summary>
    public List<(ErrorKey Key, double Probability)> Drain()
    {
        var result = Sorted();
        _map.Clear();
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

/// <summary>A symptom list (<see cref="SymptomTarget"/> values) and the tag of its instruction.</summary>
internal readonly record struct ErrorKey(ulong[] Targets, string Tag);

/// <summary>An <see cref="ErrorKey"/> over a span, for lookups that allocate nothing.</summary>
internal readonly ref struct ErrorKeyView(ReadOnlySpan<ulong> targets, string tag)
{
    public ReadOnlySpan<ulong> Targets { get; } = targets;

    public string Tag { get; } = tag;
}

/// <summary>Compares <see cref="ErrorKey"/>s (and views of them) by content.</summary>
internal sealed class ErrorKeyComparer : IEqualityComparer<ErrorKey>, IAlternateEqualityComparer<ErrorKeyView, ErrorKey>
{
    public static readonly ErrorKeyComparer Instance = new();

    public bool Equals(ErrorKey x, ErrorKey y) => x.Targets.AsSpan().SequenceEqual(y.Targets) && x.Tag == y.Tag;

    public int GetHashCode(ErrorKey key) => Hash(key.Targets, key.Tag);

    public bool Equals(ErrorKeyView alternate, ErrorKey other) => alternate.Targets.SequenceEqual(other.Targets) && alternate.Tag == other.Tag;

    public int GetHashCode(ErrorKeyView alternate) => Hash(alternate.Targets, alternate.Tag);

    public ErrorKey Create(ErrorKeyView alternate) => new(alternate.Targets.ToArray(), alternate.Tag);

    private static int Hash(ReadOnlySpan<ulong> targets, string tag)
    {
        var h = new HashCode();
        h.AddBytes(MemoryMarshal.AsBytes(targets));
        h.Add(tag.Length);
        return h.ToHashCode();
    }
}

namespace Qec.Circuits.Analysis;

/// <summary>
/// Detector and observable ids packed into one <see cref="ulong"/> so that plain integer order is
/// Stim's target order: detectors <c>D0 &lt; D1 &lt; …</c> first, then observables with the top bit set.
/// Sorted lists of these are symptom sets; their lexicographic order is the order Stim writes errors in.
/// </summary>
internal static class SymptomTarget
{
    /// <summary>Set on observable ids.</summary>
    public const ulong ObservableBit = 1UL << 63;

    /// <summary>Detector <c>D{id}</c>.</summary>
    public static ulong Detector(ulong id) => id;

    /// <summary>Observable <c>L{id}</c>.</summary>
    public static ulong Observable(ulong id) => ObservableBit | id;

    /// <summary>Whether the target is an observable.</summary>
    public static bool IsObservable(ulong t) => (t & ObservableBit) != 0;

    /// <summary>The target as Stim writes it.</summary>
    public static string Format(ulong t) => IsObservable(t) ? "L" + (t & ~ObservableBit) : "D" + t;

    /// <summary>Lexicographic comparison of two sorted target lists (a proper prefix sorts first).</summary>
    public static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => a.SequenceCompareTo(b);
}

using System.Text;

namespace Qec.Circuits.Analysis;

/// <summary>
/// Stim's second decomposition step ("inter-channel"), run when errors are flushed: every error
/// piece that still flips more than two detectors is rewritten using graph-like pieces that occur
/// anywhere in the model. First an exact search (<see cref="TryExact"/>: pair or single pieces whose
/// detectors partition the problem's and whose observables XOR to its observables); failing that,
/// greedy known pairs and singles with at most two detectors left over as a new "remnant" piece
/// (<see cref="TryWithRemnant"/>). A piece that neither explains is an error, as in Stim.
/// </summary>
internal static class GlobalDecomposition
{
    /// <summary>Rewrites the non-graph-like errors of the accumulator in place.</summary>
    /// <exception cref="CircuitAnalysisException">A piece cannot be decomposed.</exception>
    public static void Run(ErrorAccumulator errors)
    {
        var entries = errors.Sorted();
        if (!entries.Exists(e => !IsGraphLike(e.Key.Targets)))
        {
            return;
        }
        // Known graph-like pieces by their detectors; a later error in key order overwrites an earlier one.
        var known = new Dictionary<(ulong, ulong), ulong[]>();
        foreach (var (key, _) in entries)
        {
            foreach (var piece in Pieces(key.Targets))
            {
                int count = 0;
                ulong a = 0, b = ulong.MaxValue;
                foreach (ulong t in piece)
                {
                    if (SymptomTarget.IsDetector(t))
                    {
                        if (count == 0) a = t; else b = t;
                        count++;
                    }
                }
                if (count is 1 or 2)
                {
                    known[(a, b)] = piece.ToArray();
                }
            }
        }
        var rewrites = new List<(ErrorKey Old, ErrorKey New)>();
        var tail = new List<ulong>();
        foreach (var (key, _) in entries)
        {
            if (IsGraphLike(key.Targets))
            {
                continue;
            }
            tail.Clear();
            foreach (var piece in Pieces(key.Targets))
            {
                if (!TryExact(piece, known, tail) && !TryWithRemnant(piece, known, tail))
                {
                    var names = new StringBuilder();
                    foreach (ulong t in piece)
                    {
                        names.Append(names.Length == 0 ? "" : ", ").Append(SymptomTarget.Format(t));
                    }
                    throw new CircuitAnalysisException(
                        "Failed to decompose errors into graphlike components with at most two symptoms.\n"
                        + $"The error component that failed to decompose is '{names}'.");
                }
            }
            if (tail.Count > 0)
            {
                tail.RemoveAt(tail.Count - 1);
            }
            rewrites.Add((key, new ErrorKey([.. tail], key.Tag)));
        }
        foreach (var (old, rewritten) in rewrites)
        {
            errors.Add(errors.Remove(old), rewritten);
        }
    }

    /// <summary>Whether every piece flips at most two detectors.</summary>
    public static bool IsGraphLike(ReadOnlySpan<ulong> targets)
    {
        int count = 0;
        foreach (ulong t in targets)
        {
            if (t == SymptomTarget.Separator)
            {
                count = 0;
            }
            else if (SymptomTarget.IsDetector(t) && ++count > 2)
            {
                return false;
            }
        }
        return true;
    }

    private static List<ulong[]> Pieces(ulong[] targets)
    {
        var pieces = new List<ulong[]>();
        int start = 0;
        for (int k = 0; k <= targets.Length; k++)
        {
            if (k == targets.Length || targets[k] == SymptomTarget.Separator)
            {
                pieces.Add(targets[start..k]);
                start = k + 1;
            }
        }
        return pieces;
    }

    /// <summary>
    /// Exact cover of the problem's detectors by known pieces (each taking its first unused detector
    /// with a later one, or alone), with observables matching; pieces appended in order of their first detector.
    /// </summary>
    private static bool TryExact(ulong[] problem, Dictionary<(ulong, ulong), ulong[]> known, List<ulong> tail)
    {
        if (problem.Length >= 64)
        {
            throw new CircuitAnalysisException("Not implemented: decomposing errors with more than 64 terms.");
        }
        var (obs, used) = ObservableMask(problem);
        var found = new List<ulong[]>();
        if (!Search(0, used, obs, problem, known, found))
        {
            return false;
        }
        for (int i = found.Count - 1; i >= 0; i--)
        {
            tail.AddRange(found[i]);
            tail.Add(SymptomTarget.Separator);
        }
        return true;
    }

    private static bool Search(int start, ulong used, ulong remainingObs, ulong[] problem, Dictionary<(ulong, ulong), ulong[]> known, List<ulong[]> found)
    {
        while (true)
        {
            if (start >= problem.Length)
            {
                return remainingObs == 0;
            }
            if (((used >> start) & 1) == 0)
            {
                break;
            }
            start++;
        }
        used |= 1UL << start;
        for (int k = start + 1; k <= problem.Length; k++)
        {
            (ulong, ulong) key;
            if (k < problem.Length)
            {
                if (((used >> k) & 1) != 0)
                {
                    continue;
                }
                key = (problem[start], problem[k]);
                used ^= 1UL << k;
            }
            else
            {
                key = (problem[start], ulong.MaxValue);
            }
            if (known.TryGetValue(key, out var match)
                && Search(start + 1, used, remainingObs ^ ObservableMask(match).Mask, problem, known, found))
            {
                found.Add(match);
                return true;
            }
            if (k < problem.Length)
            {
                used ^= 1UL << k;
            }
        }
        return false;
    }

    /// <summary>Greedy known pairs then singles; at most two detectors may remain, kept as one new piece.</summary>
    private static bool TryWithRemnant(ulong[] component, Dictionary<(ulong, ulong), ulong[]> known, List<ulong> tail)
    {
        int n = component.Length;
        var done = new bool[n];
        int detectors = 0;
        for (int k = 0; k < n; k++)
        {
            if (SymptomTarget.IsDetector(component[k]))
            {
                detectors++;
            }
            else
            {
                done[k] = true;
            }
        }
        int mark = tail.Count;
        if (detectors <= 2)
        {
            tail.AddRange(component);
            tail.Add(SymptomTarget.Separator);
            return true;
        }
        var sparse = new XorSet();
        sparse.XorWith(component);
        for (int k = 0; k < n; k++)
        {
            if (done[k])
            {
                continue;
            }
            for (int k2 = k + 1; k2 < n; k2++)
            {
                if (!done[k2] && known.TryGetValue((component[k], component[k2]), out var p))
                {
                    done[k] = done[k2] = true;
                    tail.AddRange(p);
                    tail.Add(SymptomTarget.Separator);
                    sparse.XorWith(p);
                    break;
                }
            }
        }
        int missed = 0;
        for (int k = 0; k < n; k++)
        {
            if (!done[k] && known.TryGetValue((component[k], ulong.MaxValue), out var p))
            {
                done[k] = true;
                tail.AddRange(p);
                tail.Add(SymptomTarget.Separator);
                sparse.XorWith(p);
            }
            missed += done[k] ? 0 : 1;
        }
        if (missed <= 2)
        {
            if (sparse.Count > 0)
            {
                tail.AddRange(sparse.Items);
                tail.Add(SymptomTarget.Separator);
            }
            return true;
        }
        // Stim discards the whole error's pieces here and fails.
        tail.RemoveRange(mark, tail.Count - mark);
        return false;
    }

    /// <summary>Bit i of Mask: observable L i is in the list (odd times); Used: positions holding observables.</summary>
    private static (ulong Mask, ulong Used) ObservableMask(ReadOnlySpan<ulong> targets)
    {
        ulong mask = 0, used = 0;
        for (int k = 0; k < targets.Length; k++)
        {
            if (SymptomTarget.IsObservable(targets[k]))
            {
                ulong id = targets[k] & ~SymptomTarget.ObservableBit;
                if (id >= 64)
                {
                    throw new CircuitAnalysisException("Not implemented: decomposing errors observable ids larger than 63.");
                }
                mask |= 1UL << (int)id;
                used |= 1UL << k;
            }
        }
        return (mask, used);
    }
}

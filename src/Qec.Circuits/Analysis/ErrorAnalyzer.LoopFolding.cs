using Qec.Circuits.Model;

namespace Qec.Circuits.Analysis;

/// <summary>
/// Loop folding (Stim's <c>--fold_loops</c>). Backwards through a REPEAT block, the sweep's state
/// (sensitivity sets and pending records) becomes periodic up to a shift of detector ids and
/// measurement indices after a few iterations. A probe ("hare", no error accumulation) runs ahead of
/// the real sweep ("tortoise", one iteration per two of the hare's) until their states agree up to
/// that shift (Floyd's cycle finding). Then the remaining periods all produce the same errors
/// shifted, so the sweep jumps over all but one period, analyses that one into a repeat body (ending
/// with <c>shift_detectors</c> by the period's detector count) and finishes the leftover iterations.
/// </summary>
public sealed partial class ErrorAnalyzer
{
    /// <summary>A probe copy of this analyzer's state that accumulates no errors.</summary>
    private ErrorAnalyzer(ErrorAnalyzer source)
    {
        _circuit = source._circuit;
        _decompose = false;
        _fold = true;
        _accumulate = false;
        _errors = new ErrorAccumulator();
        _xs = new XorSet[source._xs.Length];
        _zs = new XorSet[source._zs.Length];
        for (int q = 0; q < _xs.Length; q++)
        {
            _xs[q] = new XorSet();
            _xs[q].CopyFrom(source._xs[q]);
            _zs[q] = new XorSet();
            _zs[q].CopyFrom(source._zs[q]);
        }
        foreach (var (index, set) in source._records)
        {
            var copy = new XorSet();
            copy.CopyFrom(set);
            _records.Add(index, copy);
        }
        _measurementsInPast = source._measurementsInPast;
        _detectorsInPast = source._detectorsInPast;
        _loopStack.AddRange(source._loopStack);
    }

    private void UndoLoopFolded(CircuitRepeat repeat)
    {
        ulong iterations = repeat.Count;
        ulong hareDone = 0, tortoiseDone = 0;
        var hare = new ErrorAnalyzer(this);
        while (hareDone < iterations)
        {
            try
            {
                hare.UndoIteration(repeat, hareDone);
            }
            catch (CircuitAnalysisException)
            {
                // Let the real sweep meet the problem and report it.
                hareDone = iterations;
                break;
            }
            hareDone++;
            if (hare.IsShiftedCopyOf(this))
            {
                break;
            }
            if (hareDone % 2 == 0)
            {
                UndoIteration(repeat, tortoiseDone++);
                if (hare.IsShiftedCopyOf(this))
                {
                    break;
                }
            }
        }
        if (hareDone < iterations)
        {
            ulong period = hareDone - tortoiseDone;
            ulong periods = (iterations - tortoiseDone) / period;
            ulong detectorsPerPeriod = _detectorsInPast - hare._detectorsInPast;
            ulong measurementsPerPeriod = _measurementsInPast - hare._measurementsInPast;
            if (periods > 1)
            {
                Flush();
                var outer = _model;
                _model = new ReversedModel();
                ulong skipped = periods - 1;
                ShiftState(skipped * measurementsPerPeriod, skipped * detectorsPerPeriod);
                tortoiseDone += skipped * period;
                for (ulong k = 0; k < period; k++)
                {
                    UndoIteration(repeat, tortoiseDone++);
                }
                Flush();
                var body = _model;
                ulong remaining = detectorsPerPeriod - body.TotalDetectorShift();
                if (remaining > 0)
                {
                    body.PrependDetectorShift(remaining);
                }
                outer.AddRepeat(periods, body, repeat.Tag);
                _model = outer;
            }
        }
        while (tortoiseDone < iterations)
        {
            UndoIteration(repeat, tortoiseDone++);
        }
    }

    /// <summary>Moves the state back in time by whole periods: earlier measurement indices and detector ids.</summary>
    private void ShiftState(ulong measurements, ulong detectors)
    {
        _measurementsInPast -= measurements;
        _detectorsInPast -= detectors;
        var shifted = new List<(ulong, XorSet)>(_records.Count);
        foreach (var (index, set) in _records)
        {
            ShiftDetectors(set, detectors);
            shifted.Add((index - measurements, set));
        }
        _records.Clear();
        foreach (var (index, set) in shifted)
        {
            _records.Add(index, set);
        }
        for (int q = 0; q < _xs.Length; q++)
        {
            ShiftDetectors(_xs[q], detectors);
            ShiftDetectors(_zs[q], detectors);
        }
    }

    private static void ShiftDetectors(XorSet set, ulong down)
    {
        // Detectors sort before observables, so shifting every detector down keeps the set sorted.
        var items = set.Items;
        Span<ulong> copy = items.Length <= 256 ? stackalloc ulong[items.Length] : new ulong[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            copy[i] = SymptomTarget.IsDetector(items[i]) ? items[i] - down : items[i];
        }
        set.Clear();
        set.XorWith(copy);
    }

    /// <summary>Whether this (ahead) state equals <paramref name="behind"/> with ids and indices shifted by their difference.</summary>
    private bool IsShiftedCopyOf(ErrorAnalyzer behind)
    {
        ulong dm = behind._measurementsInPast - _measurementsInPast;
        ulong dd = behind._detectorsInPast - _detectorsInPast;
        if (_records.Count != behind._records.Count)
        {
            return false;
        }
        foreach (var (index, set) in _records)
        {
            if (!behind._records.TryGetValue(index + dm, out var other) || !ShiftedEqual(set, other, dd))
            {
                return false;
            }
        }
        for (int q = 0; q < _xs.Length; q++)
        {
            if (!ShiftedEqual(_xs[q], behind._xs[q], dd) || !ShiftedEqual(_zs[q], behind._zs[q], dd))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ShiftedEqual(XorSet ahead, XorSet behind, ulong dd)
    {
        var a = ahead.Items;
        var b = behind.Items;
        if (a.Length != b.Length)
        {
            return false;
        }
        for (int i = 0; i < a.Length; i++)
        {
            ulong x = SymptomTarget.IsDetector(a[i]) ? a[i] + dd : a[i];
            if (x != b[i])
            {
                return false;
            }
        }
        return true;
    }
}

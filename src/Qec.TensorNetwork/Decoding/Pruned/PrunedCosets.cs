using System.Numerics;

namespace Qec.TensorNetwork.Decoding.Pruned;

/// <summary>Pruned mode's solvers: 64-bit frontier states when the schedule fits them, else 128-bit.</summary>
public static class PrunedCosets
{
    /// <summary>
    /// A solver keeping at most <paramref name="states"/> frontier states after each step, ranked by weight times
    /// <see cref="FrontierSchedule.MismatchFactor"/> per unexplained open detector.
    /// </summary>
    public static ICosetSolver Create(FrontierSchedule schedule, int states)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        double factor = schedule.MismatchFactor;
        return schedule.Width <= 64 ? new PrunedCosets<ulong>(schedule, states, factor) : new PrunedCosets<UInt128>(schedule, states, factor);
    }
}

/// <summary>
/// Class weights of pruned mode: the parity network contracted along the <see cref="FrontierSchedule"/>
/// sweep with the frontier held sparsely (only states of nonzero weight), and after every step only the
/// <c>states</c> best kept — a beam over the sweep's states, ranked by weight times a factor per open
/// detector whose parity still differs from its syndrome bit (those events must still be explained by
/// later mechanisms; see <see cref="FrontierSchedule.MismatchFactor"/>); while the beam is full, new states
/// ranked below its last cut are not even added. Without pruning (states ≥ every reachable frontier) it is
/// exact mode's contraction. Dropping only removes nonnegative terms, so each
/// class weight it returns is a lower bound and the true one exceeds it by at most the dropped weight:
/// <see cref="Solve"/> returns that bound relative to Σ_c W_c, and a decision whose margin exceeds it is
/// the maximum-likelihood one. The bound is rigorous but loose at circuit level: it counts in full the
/// weight of pruned states that later detectors would have ruled out (+∞ when every state consistent
/// with the syndrome was pruned; the classes then all have weight 0). One instance per thread; no
/// allocation per shot once warm.
/// </summary>
/// <typeparam name="TKey"><see cref="ulong"/> or <see cref="UInt128"/>: a frontier state.</typeparam>
public sealed class PrunedCosets<TKey> : ICosetSolver
    where TKey : unmanaged, IBinaryInteger<TKey>
{
    /// <summary>Rescale the weights when the kept total falls below this (the log scale carries the rest).</summary>
    private const double Underflow = 1e-100;

    private readonly FrontierSchedule _schedule;
    private readonly int _states;
    private readonly FrontierTable<TKey> _table;
    private readonly TKey[] _flips, _retired, _opened, _expected, _targets;

    /// <summary>A solver keeping at most <paramref name="states"/> frontier states after each step, ranked with <paramref name="mismatchFactor"/>.</summary>
    public PrunedCosets(FrontierSchedule schedule, int states, double mismatchFactor)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(states, 1);
        _schedule = schedule;
        _states = states;
        _flips = [.. schedule.Flips.ToArray().Select(TKey.CreateTruncating)];
        _retired = [.. schedule.Retired.ToArray().Select(TKey.CreateTruncating)];
        _opened = [.. schedule.Opened.ToArray().Select(TKey.CreateTruncating)];
        _expected = new TKey[schedule.Steps];
        _targets = new TKey[schedule.Steps];
        _table = new FrontierTable<TKey>(mismatchFactor);
    }

    /// <inheritdoc/>
    public int NumObservables => _schedule.NumObservables;

    /// <inheritdoc/>
    public double Solve(ReadOnlySpan<byte> syndrome, Span<double> logWeights)
    {
        logWeights.Fill(double.NegativeInfinity);
        if (!_schedule.Expect<TKey>(syndrome, _expected, _targets))
        {
            return 0;  // a detector no mechanism flips fired: every class has weight 0
        }
        var priors = _schedule.Priors;
        _table.Reset();
        double logScale = 0, dropped = 0;  // true weight = table weight × e^logScale; dropped in table units
        TKey open = TKey.Zero, target = TKey.Zero;  // open detector slots, and their syndrome bits
        for (int t = 0; t < _flips.Length; t++)
        {
            open |= _opened[t];
            target |= _targets[t];
            _table.Rank(open, target);
            dropped += _table.Apply(_flips[t], priors[t], _states);
            if (_retired[t] != TKey.Zero)
            {
                double total = _table.Retire(_retired[t], _expected[t]);
                open &= ~_retired[t];
                target &= ~_retired[t];
                _table.Rank(open, target);
                if (total == 0)
                {
                    return dropped > 0 ? double.PositiveInfinity : 0;  // impossible, or everything consistent was pruned
                }
                if (total < Underflow)
                {
                    _table.Scale(1 / total);
                    dropped /= total;
                    logScale += Math.Log(total);
                }
            }
            dropped += _table.Prune(_states);
        }
        double sum = 0;
        var keys = _table.Keys;
        var weights = _table.Weights;
        for (int i = 0; i < keys.Length; i++)
        {
            // Every detector has retired: only observable slots remain.
            logWeights[int.CreateTruncating(keys[i])] = Math.Log(weights[i]) + logScale;
            sum += weights[i];
        }
        return dropped / sum;
    }
}

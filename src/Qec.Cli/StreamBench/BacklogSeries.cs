namespace Qec.Cli.StreamBench;

/// <summary>
/// The backlog of a stream when round r arrives at r·period and the decoder takes rounds in order,
/// round r taking push_r µs: done_r = max(done_{r−1}, r·period) + push_r (Lindley's recursion for a
/// single-server queue). Two measures, each the maximum per block of rounds (at most ~2,000 blocks) over
/// every shot replayed:
/// <list type="bullet">
/// <item><b>uncommitted</b> — rounds received but not yet committed, at the end of each push:
/// ⌊done_r / period⌋ + 1 − (committed rounds after push r). It includes the window the decoder holds by
/// design (≤ W rounds plus carried ones): bounded means real time.</item>
/// <item><b>queued</b> — rounds received but not yet pushed, at the end of each push: ⌊done_r / period⌋ + 1 − (r + 1).</item>
/// </list>
/// </summary>
public sealed class BacklogSeries
{
    private readonly double _period;
    private double _done;
    private int _rounds;

    /// <summary>A series for shots of <paramref name="rounds"/> rounds, one arriving every <paramref name="periodMicros"/> µs.</summary>
    public BacklogSeries(int rounds, double periodMicros)
    {
        _period = periodMicros;
        BlockRounds = Math.Max(1, (rounds + 1999) / 2000);
        int blocks = (rounds + BlockRounds - 1) / BlockRounds;
        UncommittedMax = new double[blocks];
        QueuedMax = new double[blocks];
    }

    /// <summary>Rounds per block.</summary>
    public int BlockRounds { get; }

    /// <summary>Largest number of received, uncommitted rounds in each block, over all shots.</summary>
    public double[] UncommittedMax { get; }

    /// <summary>Largest number of received, not yet pushed rounds in each block, over all shots.</summary>
    public double[] QueuedMax { get; }

    /// <summary>Largest uncommitted backlog anywhere, in rounds.</summary>
    public double MaxUncommitted { get; private set; }

    /// <summary>Largest queue anywhere, in rounds.</summary>
    public double MaxQueued { get; private set; }

    /// <summary>Starts a shot of <paramref name="rounds"/> rounds (the decoder is idle when its round 0 arrives).</summary>
    public void BeginShot(int rounds)
    {
        _done = 0;
        _rounds = rounds;
    }

    /// <summary>Adds push <paramref name="round"/> (in order): it took <paramref name="pushMicros"/> and left <paramref name="committedAfter"/> rounds committed.</summary>
    public void Add(int round, double pushMicros, int committedAfter)
    {
        double arrival = round * _period;
        _done = Math.Max(_done, arrival) + pushMicros;
        double received = Math.Min(_rounds, Math.Floor(_done / _period) + 1);
        double queued = received - (round + 1);
        double uncommitted = received - committedAfter;
        int block = round / BlockRounds;
        QueuedMax[block] = Math.Max(QueuedMax[block], queued);
        UncommittedMax[block] = Math.Max(UncommittedMax[block], uncommitted);
        MaxQueued = Math.Max(MaxQueued, queued);
        MaxUncommitted = Math.Max(MaxUncommitted, uncommitted);
    }
}

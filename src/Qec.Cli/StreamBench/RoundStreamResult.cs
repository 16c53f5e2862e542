namespace Qec.Cli.StreamBench;

/// <summary>One round-streaming measurement (times in µs).</summary>
public sealed record RoundStreamResult(
    int Rounds,
    long Detectors,
    int Shots,
    int Window,
    int Commit,
    string? Note,
    double EventsPerRound,
    long LogicalErrors,
    Summary FinishMicros,
    Summary PushMicros,
    double DecodeMicrosPerRound,
    double? WholeShotMicrosPerRound,
    double AllocatedBytesPerShot,
    double HeapMegabytes,
    double WorkingSetMegabytes,
    double CompileMillis,
    BacklogSeries Backlog);

/// <summary>Percentiles of a sample (nearest rank).</summary>
public readonly record struct Summary(int Count, double P50, double P99, double Max, double Mean)
{
    /// <summary>Summarizes <paramref name="values"/> (sorted in place).</summary>
    public static Summary Of(double[] values)
    {
        if (values.Length == 0)
        {
            return default;
        }
        Array.Sort(values);
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }
        return new Summary(values.Length, At(values, 0.5), At(values, 0.99), values[^1], sum / values.Length);
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}

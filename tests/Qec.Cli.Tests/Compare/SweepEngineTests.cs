using Qec.Cli.Compare;

namespace Qec.Cli.Tests.Compare;

/// <summary>
/// The sweep's totals depend only on the budget, the shard and the salt: not on threads, interruptions
/// or sharding. Every test compares two ways of doing the same sweep, count for count.
/// </summary>
public sealed class SweepEngineTests
{
    private const string Spec = "repetition:phenomenological:d=3,5:p=0.05,0.15;surface:phenomenological:d=3:p=0.04";

    private static SweepOptions Options(long shots, long? errors, int threads = 1, ShardSpec? shard = null, double flush = 0) =>
        new(new SweepBudget(shots, errors, BatchShots: 100), shard ?? ShardSpec.Whole, threads, Salt: 0, FlushSeconds: flush);

    [Fact]
    public void ATinySweepWritesOneRowPerRoundOfBatches()
    {
        using var temp = new TempFolder();
        var result = SweepHarness.Run(temp.File("a.csv"), Options(1000, null, threads: 2), Spec);
        Assert.Equal(5, result.Tasks.Count);
        Assert.False(result.Cancelled);
        var rows = SinterCsv.ReadFile(temp.File("a.csv"));
        Assert.Equal(5 * 5, rows.Count); // 10 batches of 100 per task, 2 per round, one row per round (flush = 0)
        Assert.All(SweepHarness.Totals(temp.File("a.csv")).Values, t => Assert.Equal(1000, t.Shots));
        Assert.All(rows, r => Assert.Equal("mwpm", r.Decoder));
        Assert.Equal(result.Tasks.Select(t => t.StrongId).ToHashSet(), rows.Select(r => r.StrongId).ToHashSet());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(40L)]
    public void ThreadsDoNotChangeTheTotals(long? maxErrors)
    {
        using var temp = new TempFolder();
        SweepHarness.Run(temp.File("1.csv"), Options(3000, maxErrors, threads: 1), Spec);
        SweepHarness.Run(temp.File("3.csv"), Options(3000, maxErrors, threads: 3, flush: 10), Spec);
        Assert.Equal(SweepHarness.Totals(temp.File("1.csv")), SweepHarness.Totals(temp.File("3.csv")));
    }

    [Theory]
    [InlineData(null, 1, 1)]
    [InlineData(null, 2, 4)]
    [InlineData(40L, 1, 3)]
    [InlineData(40L, 2, 9)]
    public void AnInterruptedSweepResumesToTheSameTotals(long? maxErrors, int threads, int stopAfterRounds)
    {
        using var temp = new TempFolder();
        SweepHarness.Run(temp.File("whole.csv"), Options(3000, maxErrors, threads), Spec);
        var first = SweepHarness.Run(temp.File("resumed.csv"), Options(3000, maxErrors, threads), Spec,
            onRound: (cancel, rounds) => { if (rounds == stopAfterRounds) cancel.Cancel(); });
        Assert.True(first.Cancelled);
        var partial = SweepHarness.Totals(temp.File("resumed.csv"));
        Assert.True(partial.Values.Sum(t => t.Shots) < SweepHarness.Totals(temp.File("whole.csv")).Values.Sum(t => t.Shots));
        var second = SweepHarness.Run(temp.File("resumed.csv"), Options(3000, maxErrors, threads), Spec);
        Assert.False(second.Cancelled);
        Assert.Equal(SweepHarness.Totals(temp.File("whole.csv")), SweepHarness.Totals(temp.File("resumed.csv")));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(11, 25)]
    public void AKilledSweepLosesOnlyUnwrittenRowsAndResumesToTheSameTotals(int keepRows, int tornChars)
    {
        using var temp = new TempFolder();
        SweepHarness.Run(temp.File("whole.csv"), Options(2000, null), Spec);
        // A kill: the file holds the header, the first rows and perhaps part of the next line.
        var lines = File.ReadAllLines(temp.File("whole.csv"));
        File.WriteAllText(temp.File("killed.csv"), string.Concat(lines.Take(1 + keepRows).Select(l => l + "\n")) + lines[1 + keepRows][..tornChars]);
        SweepHarness.Run(temp.File("killed.csv"), Options(2000, null), Spec);
        Assert.Equal(SweepHarness.Totals(temp.File("whole.csv")), SweepHarness.Totals(temp.File("killed.csv")));
    }

    [Fact]
    public void ThreeShardsAddUpToOneRun()
    {
        using var temp = new TempFolder();
        SweepHarness.Run(temp.File("whole.csv"), Options(2550, null, threads: 2), Spec);
        for (int i = 0; i < 3; i++)
        {
            SweepHarness.Run(temp.File($"shard{i}.csv"), Options(2550, null, threads: 1, shard: new ShardSpec(i, 3)), Spec);
        }
        var shards = Enumerable.Range(0, 3).Select(i => temp.File($"shard{i}.csv")).ToArray();
        Assert.All(shards, s => Assert.NotEqual(SweepHarness.Totals(temp.File("whole.csv")), SweepHarness.Totals(s)));
        Assert.Equal(SweepHarness.Totals(temp.File("whole.csv")), SweepHarness.Totals(shards));
    }

    [Fact]
    public void TheErrorBudgetStopsRightAfterTheBatchThatReachesIt()
    {
        using var temp = new TempFolder();
        // One thread, flush 0: one row per batch, so the rows show each batch's errors.
        var result = SweepHarness.Run(temp.File("e.csv"), Options(1_000_000, 25), "repetition:phenomenological:d=3:p=0.15");
        Assert.Equal(TaskEnd.ErrorBudget, result.Ends[0]);
        var rows = SinterCsv.ReadFile(temp.File("e.csv"));
        long total = rows.Sum(r => r.Errors);
        Assert.True(total >= 25, $"{total} errors");
        Assert.True(total - rows[^1].Errors < 25, "the budget was reached before the last batch");
        Assert.True(rows.Sum(r => r.Shots) < 1_000_000);
        // Rerunning finds the task done and adds nothing.
        SweepHarness.Run(temp.File("e.csv"), Options(1_000_000, 25), "repetition:phenomenological:d=3:p=0.15");
        Assert.Equal(rows.Count, SinterCsv.ReadFile(temp.File("e.csv")).Count);
    }

    [Fact]
    public void AGrownShotBudgetContinuesAsIfItHadBeenThereFromTheStart()
    {
        using var temp = new TempFolder();
        SweepHarness.Run(temp.File("direct.csv"), Options(3000, null), Spec);
        SweepHarness.Run(temp.File("grown.csv"), Options(1550, null), Spec);
        SweepHarness.Run(temp.File("grown.csv"), Options(3000, null), Spec);
        Assert.Equal(SweepHarness.Totals(temp.File("direct.csv")), SweepHarness.Totals(temp.File("grown.csv")));
    }

    [Fact]
    public void DifferentSaltsDrawDifferentShots()
    {
        using var temp = new TempFolder();
        SweepHarness.Run(temp.File("a.csv"), Options(3000, null), Spec);
        SweepHarness.Run(temp.File("b.csv"), Options(3000, null) with { Salt = 1 }, Spec);
        Assert.NotEqual(SweepHarness.Totals(temp.File("a.csv")), SweepHarness.Totals(temp.File("b.csv")));
    }

    public static TheoryData<string> RegisteredDecoders()
    {
        var data = new TheoryData<string>();
        foreach (string name in SweepHarness.Registry.Names)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredDecoders))]
    public void EveryRegisteredDecoderRunsInASweep(string decoder)
    {
        using var temp = new TempFolder();
        var result = SweepHarness.Run(temp.File("d.csv"), Options(500, null), "surface:phenomenological:d=3:p=0.01", decoder);
        Assert.False(result.Cancelled);
        var row = StatsCombiner.Combine(SinterCsv.ReadFile(temp.File("d.csv"))).Single();
        Assert.Equal((500L, decoder), (row.Shots, row.Decoder));
        // d = 3, p = 1%: a working decoder fails on a few percent of shots at most; a broken one on about half.
        Assert.True(row.Errors < 50, $"{decoder}: {row.Errors} errors in 500 shots");
    }
}

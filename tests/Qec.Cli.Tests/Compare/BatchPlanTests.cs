using Qec.Cli.Compare;

namespace Qec.Cli.Tests.Compare;

public sealed class BatchPlanTests
{
    [Fact]
    public void AWholeRunDoesEveryBatchOnceTheLastOneShort()
    {
        var budget = new SweepBudget(2500, null, 1000);
        Assert.Equal([new(0, 0, 1000), new(1, 0, 1000), new BatchWork(2, 0, 500)], BatchPlan.Remaining(budget, ShardSpec.Whole, 0).ToArray());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void ShardsPartitionTheBatches(int count)
    {
        var budget = new SweepBudget(10_500, null, 1000);
        var all = Enumerable.Range(0, count).SelectMany(i => BatchPlan.Remaining(budget, new ShardSpec(i, count), 0)).OrderBy(w => w.Batch).ToArray();
        Assert.Equal(BatchPlan.Remaining(budget, ShardSpec.Whole, 0).ToArray(), all);
        Assert.Equal(10_500, Enumerable.Range(0, count).Sum(i => BatchPlan.OwnedShots(budget, new ShardSpec(i, count))));
    }

    [Fact]
    public void ResumingSkipsTheShotsAlreadyCounted()
    {
        var budget = new SweepBudget(5000, null, 1000);
        var shard = new ShardSpec(1, 2); // batches 1, 3
        Assert.Equal([new BatchWork(3, 0, 1000)], BatchPlan.Remaining(budget, shard, 1000).ToArray());
        Assert.Empty(BatchPlan.Remaining(budget, shard, 2000));
    }

    [Fact]
    public void AGrownBudgetFinishesTheFormerlyShortBatch()
    {
        // First run: 1500 shots = batch 0 (1000) + batch 1 (500). Second run with 3000: batch 1 goes on from shot 500.
        var budget = new SweepBudget(3000, null, 1000);
        Assert.Equal([new(1, 500, 500), new BatchWork(2, 0, 1000)], BatchPlan.Remaining(budget, ShardSpec.Whole, 1500).ToArray());
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    public void ShardsParse(string text, int index, int count) => Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("3/3", "need 0 <= i < N")]
    [InlineData("1/0", "need 0 <= i < N")]
    [InlineData("1", "expected i/N")]
    [InlineData("a/b", "expected i/N")]
    [InlineData("-1/2", "expected i/N")]
    public void BadShardsAreNamed(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));
        Assert.Contains($"--shard '{text}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}

using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Tests.Contraction;

/// <summary>
/// Planning under limits: the same order and cost as planning without them when within, and a refusal
/// naming the network before any index map is built when over — even where those maps could not exist.
/// </summary>
public class PlanLimitsTests
{
    [Fact]
    public void The_cost_checked_before_building_is_the_plan_cost()
    {
        // A ring of 12 matrices (dimensions 2–4) with two open legs hanging off it.
        var indices = Enumerable.Range(0, 12).Select(i => new[] { i, (i + 1) % 12 }).Append([0, 12]).Append([6, 13]).ToList();
        var shape = new NetworkShape(indices, Enumerable.Range(0, 14).ToDictionary(l => l, l => 2 + l % 3), [12, 13]);
        var cost = ContractionPlan.Greedy(shape).Cost;
        // Limits exactly at the cost pass and give the same plan; a hair below refuse, quoting that cost.
        Assert.Equal(cost, ContractionPlan.Greedy(shape, new ContractionLimits(cost.Flops, cost.TotalIntermediate), "ring").Cost);
        var e = Assert.Throws<ArgumentException>(() => ContractionPlan.Greedy(shape, new ContractionLimits(cost.Flops - 1, cost.TotalIntermediate), "ring"));
        Assert.StartsWith($"ring: contracting it needs {cost};", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ContractionPlan.Greedy(shape, new ContractionLimits(cost.Flops, cost.TotalIntermediate - 1), "ring"));
    }

    [Fact]
    public void Over_the_limits_the_refusal_comes_before_building_intermediates()
    {
        // Forty labels of dimension 2, all open: the result alone has 2^40 elements, more than an array holds.
        var shape = new NetworkShape([.. Enumerable.Range(0, 40).Select(l => new[] { l })], Enumerable.Range(0, 40).ToDictionary(l => l, _ => 2),
            [.. Enumerable.Range(0, 40)]);
        var e = Assert.Throws<ArgumentException>(() => ContractionPlan.Greedy(shape, ContractionLimits.Default, "forty open legs"));
        Assert.StartsWith("forty open legs: contracting it needs ", e.Message, StringComparison.Ordinal);
        Assert.Contains("largest intermediate 2^40 elements", e.Message, StringComparison.Ordinal);
    }
}

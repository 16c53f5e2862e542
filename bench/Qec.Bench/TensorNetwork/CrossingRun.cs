using System.Globalization;
using Qec.Cli.Compare;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// <c>crossing STATS.csv… [--points 6] [--resamples 4000] [--seed S]</c>: where the logical-error-rate curves
/// of consecutive distances cross, per decoder and noise, from <c>qecd compare</c>'s sinter CSV (rows of a
/// task added up). For distances d₁ &lt; d₂ with rates r₁(p), r₂(p) on a common grid, Δ(p) = r₂ − r₁ changes
/// sign from − to + at the crossing; a straight line is fitted to Δ by weighted least squares
/// (weights 1 / Var Δ, Var r = r(1 − r)/n) over the <c>--points</c> grid points nearest that sign change,
/// and its root is the estimate. Error bars: the rates are redrawn <c>--resamples</c> times from their
/// normal approximation and refitted (parametric bootstrap): ± one standard deviation and the central 95%.
/// A pairwise crossing drifts with d (finite-size effects), so it estimates the threshold only as d grows.
/// </summary>
internal static class CrossingRun
{
    private static readonly string[] Options = ["points", "resamples", "seed"];

    /// <summary>One grid point of one curve.</summary>
    private readonly record struct Point(double P, double Rate, double Variance);

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        int firstOption = Array.FindIndex(args, a => a.StartsWith("--", StringComparison.Ordinal));
        string[] files = firstOption < 0 ? args : args[..firstOption];
        var options = new BenchArgs("crossing", firstOption < 0 ? [] : args[firstOption..], Options);
        if (files.Length == 0)
        {
            throw new BenchArgsException("crossing: expected one or more sinter CSV files before the options");
        }
        int points = options.Int("points", 6), resamples = options.Int("resamples", 4000);
        var random = new Random((int)(options.Seed("seed") & int.MaxValue));
        var rows = StatsCombiner.Combine(files.SelectMany(f => SinterCsv.ReadFile(f)));
        Console.WriteLine($"# crossing of {string.Join(", ", files)}: line fitted over the {points} grid points nearest the sign change, {resamples} parametric resamples");
        Console.WriteLine();
        Console.WriteLine("| decoder | noise | d₁ / d₂ | sign change between p = | crossing p | ± 1σ | 95% interval |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var curves = rows.GroupBy(r => (r.Decoder, Noise: r.Metadata.GetText("noise") ?? "")).OrderBy(g => g.Key.Noise, StringComparer.Ordinal);
        foreach (var group in curves)
        {
            var byD = group.GroupBy(r => (int)Number(r, "d")).OrderBy(g => g.Key).ToList();
            for (int i = 0; i + 1 < byD.Count; i++)
            {
                var (low, high) = (Curve(byD[i]), Curve(byD[i + 1]));
                string label = $"| {group.Key.Decoder} | {group.Key.Noise} | {byD[i].Key} / {byD[i + 1].Key} |";
                Console.WriteLine(label + Estimate(low, high, points, resamples, random));
            }
        }
    }

    /// <summary>The rate at each p of one distance, sorted by p.</summary>
    private static SortedDictionary<double, Point> Curve(IEnumerable<StatsRow> rows)
    {
        var curve = new SortedDictionary<double, Point>();
        foreach (var group in rows.GroupBy(r => Number(r, "p")))
        {
            long shots = group.Sum(r => r.Shots), errors = group.Sum(r => r.Errors);
            double rate = (double)errors / shots;
            curve[group.Key] = new Point(group.Key, rate, Math.Max(rate * (1 - rate), 1.0 / shots) / shots);
        }
        return curve;
    }

    /// <summary>The cells after the label: bracket, estimate, σ and 95% interval; or why there is none.</summary>
    private static string Estimate(SortedDictionary<double, Point> low, SortedDictionary<double, Point> high, int points, int resamples, Random random)
    {
        var grid = low.Keys.Where(high.ContainsKey).ToArray();
        double[] delta = [.. grid.Select(p => high[p].Rate - low[p].Rate)];
        double[] variance = [.. grid.Select(p => high[p].Variance + low[p].Variance)];
        int change = grid.Length < 2 ? -1 : Array.FindIndex(delta, 1, grid.Length - 1, x => x >= 0);
        if (change < 1 || delta[change - 1] >= 0)
        {
            return " no − to + sign change on the common grid | | | |";
        }
        int first = Math.Clamp(change - points / 2, 0, Math.Max(0, grid.Length - points)), count = Math.Min(points, grid.Length);
        var window = new Range(first, first + count);
        double estimate = Root(grid[window], delta[window], variance[window]);
        var draws = new double[resamples];
        var noisy = new double[count];
        for (int k = 0; k < resamples; k++)
        {
            for (int j = 0; j < count; j++)
            {
                noisy[j] = delta[first + j] + Math.Sqrt(variance[first + j]) * Gaussian(random);
            }
            draws[k] = Root(grid[window], noisy, variance[window]);
        }
        Array.Sort(draws);
        double mean = draws.Average(), sigma = Math.Sqrt(draws.Sum(x => (x - mean) * (x - mean)) / (resamples - 1));
        return string.Create(CultureInfo.InvariantCulture,
            $" {grid[change - 1]} and {grid[change]} | {estimate:0.0000} | {sigma:0.0000} | [{draws[(int)(0.025 * resamples)]:0.0000}, {draws[(int)(0.975 * resamples)]:0.0000}] |");
    }

    /// <summary>Root of the weighted least-squares line through (x, y) with weights 1/variance.</summary>
    private static double Root(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> variance)
    {
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = 1 / variance[i];
            (sw, sx, sy) = (sw + w, sx + w * x[i], sy + w * y[i]);
        }
        double mx = sx / sw, my = sy / sw, sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = 1 / variance[i];
            (sxy, sxx) = (sxy + w * (x[i] - mx) * (y[i] - my), sxx + w * (x[i] - mx) * (x[i] - mx));
        }
        return mx - my / (sxy / sxx);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Number(StatsRow row, string key) =>
        row.Metadata.TryGetNumber(key, out double value) ? value : throw new InvalidDataException($"row {row.StrongId}: json_metadata has no number '{key}'");
}

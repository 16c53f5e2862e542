using System.CommandLine;
using Qec.StatMech.Hopfield;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechLearning;

/// <summary>
/// <c>qecd statmech hopfield --n 1000 --alphas 0.02:0.2:0.01 --trials 8 [--temperature T] [--seed S] [--threads T]
/// [--plot FILE]</c>: the retrieval overlap of a Hebb-rule Hopfield network against the load α = P/n, starting at a
/// stored pattern, next to the replica-symmetric prediction (Amit, Gutfreund &amp; Sompolinsky 1985).
/// </summary>
public static class HopfieldCommand
{
    private const int MaxSize = 20_000;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var size = new Option<int>("--n") { Description = "neurons n", DefaultValueFactory = _ => 1000 };
        var alphas = new Option<string>("--alphas") { Description = "loads α = P/n: a list 0.05,0.1 or a range start:stop:step", DefaultValueFactory = _ => "0.02:0.2:0.01" };
        var trials = new Option<int>("--trials") { Description = "independent pattern sets per α", DefaultValueFactory = _ => 8 };
        var temperature = new Option<double>("--temperature", "-T") { Description = "0: asynchronous dynamics; > 0: Glauber dynamics at T", DefaultValueFactory = _ => 0 };
        var sweeps = new Option<int>("--sweeps") { Description = "most sweeps per trial", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "base seed of the patterns and the update order", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write the overlap curve as a PNG" };
        var command = new Command("hopfield", "retrieval overlap of a Hopfield network against the load α = P/n")
        {
            size, alphas, trials, temperature, sweeps, seed, threads, plot,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int n = parse.GetValue(size), t = parse.GetValue(trials), maxSweeps = parse.GetValue(sweeps), seedValue = parse.GetValue(seed);
            double temp = parse.GetValue(temperature);
            CheckSize("--n", n, MaxSize, "the dense coupling matrix grows as n²");
            var loads = ParseList("--alphas", parse.GetValue(alphas)!);
            foreach (var a in loads)
                if (!(a > 0 && a <= 1)) throw new ArgumentException(Invariant($"--alphas: α = {a} must lie in (0, 1]"));
            if (t < 1) throw new ArgumentException($"--trials {t}: at least one trial is needed");
            if (maxSweeps < 1) throw new ArgumentException($"--sweeps {maxSweeps}: at least one sweep is needed");
            if (!(temp >= 0) || !double.IsFinite(temp)) throw new ArgumentException(Invariant($"--temperature {temp}: T must be ≥ 0 and finite"));
            CapacityPoint[] curve = [];
            WithProgress("hopfield trials", loads.Length * t, step =>
                curve = HopfieldCapacity.Curve(n, loads, t, temp, maxSweeps, seedValue, parse.GetValue(threads), () => step(1)));
            var output = console.Out;
            output.WriteLine(Invariant($"hopfield n={n}, {t} trials per α, {(temp == 0 ? "asynchronous T = 0" : $"Glauber T = {temp}")}, seed {seedValue}; start at ξ¹, m = |overlap| at the end"));
            output.WriteLine(Invariant($"replica-symmetric theory (T = 0): α_c = 0.137905, m(α_c) = 0.967417"));
            output.WriteLine($"{"alpha",-8}{"P",-7}{"m mean",-11}{"m stderr",-11}{"retrieved (m≥0.9)",-19}{"m retrieved",-13}m RS theory");
            foreach (var point in curve)
            {
                var theory = temp == 0 ? ReplicaSymmetricOverlap(point.Alpha) : double.NaN;
                var theoryText = double.IsNaN(theory) ? "-" : Invariant($"{theory:0.00000}");
                output.WriteLine(Invariant($"{point.Alpha,-8:0.####}{point.Patterns,-7}{point.MeanOverlap,-11:0.00000}{point.StandardError,-11:0.00000}{point.RetrievedFraction,-19:0.00}{(double.IsNaN(point.RetrievedOverlap) ? "-" : Invariant($"{point.RetrievedOverlap:0.00000}")),-13}{theoryText}"));
            }
            if (parse.GetValue(plot) is { } file)
            {
                var xs = curve.Select(p => p.Alpha).ToArray();
                var series = new List<(string, double[], double[])> { ($"simulation n={n}, {t} trials", xs, curve.Select(p => p.MeanOverlap).ToArray()) };
                var retrieved = curve.Where(p => !double.IsNaN(p.RetrievedOverlap)).ToArray();
                series.Add(("mean over retrieved trials (m ≥ 0.9)", retrieved.Select(p => p.Alpha).ToArray(), retrieved.Select(p => p.RetrievedOverlap).ToArray()));
                if (temp == 0)
                {
                    var fine = Enumerable.Range(1, 138).Select(k => k * 0.001).ToArray();
                    series.Add(("replica symmetric (retrieval branch, α ≤ 0.1379)", fine, fine.Select(ReplicaSymmetricOverlap).ToArray()));
                }
                SaveLinePlot(console, file.FullName, Invariant($"Hopfield retrieval, n = {n}, seed {seedValue}"), "load α = P/n", "overlap m", series);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The RS retrieval overlap at T = 0: m = erf(y) with y the largest root of √(2α) y = erf(y) − (2y/√π) e^{−y²}
    /// (Amit et al. 1985; ORACLES.md), found by bisection on y ∈ [1, 10]; NaN above α_c where no retrieval root exists.
    /// </summary>
    internal static double ReplicaSymmetricOverlap(double alpha)
    {
        double F(double y) => Erf(y) - 2 * y / Math.Sqrt(Math.PI) * Math.Exp(-y * y) - Math.Sqrt(2 * alpha) * y;
        // F is positive between the two roots; scan down from large y for the first sign change.
        double hi = 10, lo = double.NaN;
        for (var y = 10.0; y >= 0.5; y -= 0.01)
        {
            if (F(y) > 0)
            {
                lo = y;
                break;
            }
            hi = y;
        }
        if (double.IsNaN(lo)) return double.NaN;
        for (var k = 0; k < 100; k++)
        {
            var mid = 0.5 * (lo + hi);
            if (F(mid) > 0) lo = mid;
            else hi = mid;
        }
        return Erf(0.5 * (lo + hi));
    }

    private static double Erf(double x) => MathNet.Numerics.SpecialFunctions.Erf(x);
}

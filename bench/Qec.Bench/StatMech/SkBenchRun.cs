using System.Diagnostics;
using Qec.StatMech.Annealing;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using static Qec.Bench.StatMech.IsingBenchRun;

namespace Qec.Bench.StatMech;

/// <summary>
/// SK tables: <c>sk-annealed [--n 20 --samples 1000 --betas 0.5,1,1.5,2]</c> (the mean of Z over samples against
/// ln 2 + β²(n−1)/(4n)), and <c>sk-ground [--n 50,100,200,400,800 --instances 4 --seconds 60]</c> (parallel-tempering
/// ground-state energy per spin e0(n), fitted to e∞ + a n^(−2/3) against Parisi's −0.7633).
/// </summary>
internal static class SkBenchRun
{
    public static void Annealed(string[] args)
    {
        var options = new BenchArgs("sk-annealed", args, "n", "samples", "betas", "threads");
        int n = options.Int("n", 20), samples = options.Int("samples", 1000);
        var betas = Doubles(options.Text("betas", "0.5,1,1.5,2"));
        var clock = Stopwatch.StartNew();
        var rows = SkDisorderAverage.Run(n, betas, samples, firstSeed: 1, threads: options.Int("threads", 2));
        Console.WriteLine(Invariant($"SK n = {n}: {samples} samples (seeds 1..{samples}) enumerated in {clock.Elapsed.TotalSeconds:0.0} s; E_J[Z] = mean of Z"));
        Console.WriteLine($"{"beta",-7}{"lnE[Z]/n",-12}{"±",-11}{"identity",-12}{"pull",-8}{"E[lnZ]/n",-12}{"±",-11}{"σ exact",-11}pull (σ exact)");
        foreach (var r in rows)
            Console.WriteLine(Invariant($"{r.Beta,-7:0.###}{r.AnnealedPerSpin,-12:0.000000}{r.AnnealedError,-11:0.000000}{r.AnnealedExact,-12:0.000000}{(r.AnnealedPerSpin - r.AnnealedExact) / r.AnnealedError,-8:+0.00;-0.00}{r.QuenchedPerSpin,-12:0.000000}{r.QuenchedError,-11:0.000000}{r.AnnealedTrueError,-11:0.###E+0}{(r.AnnealedPerSpin - r.AnnealedExact) / r.AnnealedTrueError:+0.00;-0.00}"));
    }

    public static void Ground(string[] args)
    {
        var options = new BenchArgs("sk-ground", args, "n", "instances", "seconds", "replicas", "threads");
        var sizes = options.Ints("n", [50, 100, 200, 400, 800]);
        int instances = options.Int("instances", 4), replicas = options.Int("replicas", 32), threads = options.Int("threads", 2);
        var budget = options.Int("seconds", 60);
        Console.WriteLine($"SK ground states by parallel tempering: {replicas} replicas, β 0.3..4 geometric, {budget} s per instance at the largest n (∝ n below, ≥ 2 s), {threads} threads, seeds 1..{instances}");
        Console.WriteLine($"{"n",-7}{"e0(n)",-11}{"±",-9}{"rounds",-9}{"s each",-8}instances e0");
        var xs = new List<double>();
        var ys = new List<double>();
        var ws = new List<double>();
        foreach (var n in sizes)
        {
            var seconds = Math.Max(2.0, (double)budget * n / sizes.Max());
            var e = new double[instances];
            long rounds = 0;
            for (var s = 0; s < instances; s++)
            {
                var model = IsingModel.SherringtonKirkpatrick(n, s + 1);
                var result = ParallelTempering.Run(model, new TemperingOptions(0.3, 4, replicas, int.MaxValue, (ulong)(s + 1), threads, TimeBudgetSeconds: seconds));
                e[s] = result.Energy / n;
                rounds += result.Sweeps;
            }
            var mean = e.Average();
            var error = Math.Sqrt(e.Sum(x => (x - mean) * (x - mean)) / (instances - 1) / instances);
            Console.WriteLine(Invariant($"{n,-7}{mean,-11:0.00000}{error,-9:0.00000}{rounds / instances,-9}{seconds,-8:0.#}") + string.Join(' ', e.Select(x => Invariant($"{x:0.0000}"))));
            xs.Add(Math.Pow(n, -2.0 / 3));
            ys.Add(mean);
            ws.Add(1 / Math.Max(error * error, 1e-12));
        }
        // Weighted least squares e0(n) = e∞ + a n^(−2/3).
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sw += ws[i]; sx += ws[i] * xs[i]; sy += ws[i] * ys[i]; sxx += ws[i] * xs[i] * xs[i]; sxy += ws[i] * xs[i] * ys[i];
        }
        var det = sw * sxx - sx * sx;
        var intercept = (sxx * sy - sx * sxy) / det;
        var slope = (sw * sxy - sx * sy) / det;
        Console.WriteLine(Invariant($"fit e0(n) = e∞ + a n^(-2/3): e∞ = {intercept:0.0000} ± {Math.Sqrt(sxx / det):0.0000}, a = {slope:0.000}; Parisi e∞ = -0.7633"));
    }
}

using System.Diagnostics;
using System.Globalization;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using Qec.StatMech.MonteCarlo;
using Qec.StatMech.Renormalization;

namespace Qec.Bench.StatMech;

/// <summary>
/// Speed and error-bar tables for the Ising half of Qec.StatMech:
/// <c>ising-enum [--n 26 --threads 1,2]</c> (dense SK enumeration time),
/// <c>ising-metropolis [--L 64,256,1024 --sweeps S]</c> (single-thread spin updates per second of the table kernel),
/// <c>ising-tau [--L 16,32,64 --sweeps S]</c> (τ_int at β_c, Metropolis against Wolff),
/// <c>trg-chi [--chi 8,12,16,20,24]</c> (TRG error against Onsager at β = 0.5, and time).
/// </summary>
internal static class IsingBenchRun
{
    private const double OnsagerHalf = 1.025792812695;   // ORACLES.md, β = 0.5
    private static readonly double BetaCritical = Math.Log(1 + Math.Sqrt(2)) / 2;

    public static void Enumeration(string[] args)
    {
        var options = new BenchArgs("ising-enum", args, "n", "threads", "betas");
        var n = options.Int("n", 26);
        var betas = Doubles(options.Text("betas", "0.5,1,2"));
        var model = IsingModel.SherringtonKirkpatrick(n, 1);
        Console.WriteLine($"exact enumeration, {model.Name} (dense, {n * (n - 1) / 2} couplings), 2^{n} = {1L << n} states, {betas.Length} β in one pass");
        Console.WriteLine($"{"threads",-9}{"seconds",-10}{"cpu s",-9}{"states/s",-12}lnZ/n at β = {betas[0]}");
        // Warm-up: enough chunks (64) for the tiered JIT to promote the vectorised library calls, then let it finish.
        ExactEnumeration.Solve(IsingModel.SherringtonKirkpatrick(22, 1), betas);
        Thread.Sleep(500);
        foreach (var threads in options.Ints("threads", [1, 2]))
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = ExactEnumeration.Solve(model, betas, threads);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(Invariant($"{threads,-9}{seconds,-10:0.000}{cpuSeconds,-9:0.000}{(1L << n) / seconds,-12:0.00e0}{result[0].LogPartition / n:0.0000000000}"));
        }
    }

    public static void Metropolis(string[] args)
    {
        var options = new BenchArgs("ising-metropolis", args, "L", "sweeps", "beta");
        var beta = double.Parse(options.Text("beta", "0.44068679351"), CultureInfo.InvariantCulture);
        Console.WriteLine(Invariant($"square-lattice Metropolis table kernel, one thread, β = {beta}: attempted single-spin updates per second"));
        Console.WriteLine($"{"L",-7}{"sweeps",-9}{"seconds",-10}{"updates/s",-12}{"cpu s",-9}{"per cpu s",-12}{"acceptance",-11}E/n");
        foreach (var length in options.Ints("L", [64, 256, 1024]))
        {
            var sweeps = options.Int("sweeps", Math.Max(20, (int)(200_000_000L / ((long)length * length))));
            var chain = new SquareLatticeMetropolis(length, beta, seed: 1);
            for (var t = 0; t < 5; t++) chain.Sweep();
            var flips = chain.Flips;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var t = 0; t < sweeps; t++) chain.Sweep();
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var updates = (double)length * length * sweeps;
            Console.WriteLine(Invariant($"{length,-7}{sweeps,-9}{seconds,-10:0.000}{updates / seconds,-12:0.00e0}{cpuSeconds,-9:0.000}{updates / cpuSeconds,-12:0.00e0}{(chain.Flips - flips) / updates,-11:0.000}{chain.Energy / ((double)length * length):0.0000}"));
        }
    }

    public static void Tau(string[] args)
    {
        var options = new BenchArgs("ising-tau", args, "L", "sweeps", "threads");
        var sweeps = options.Int("sweeps", 20_000);
        var threads = options.Int("threads", 2);
        Console.WriteLine(Invariant($"τ_int (sweeps; Sokal window c = 6) at β_c = {BetaCritical:0.000000}, periodic L×L, {sweeps} sweeps × 2 chains, seed 1"));
        Console.WriteLine($"{"L",-6}{"method",-12}{"tau_E",-9}{"tau_|M|",-9}{"E/n",-11}{"±",-10}{"C/n",-9}{"±",-9}seconds");
        foreach (var length in options.Ints("L", [16, 32, 64]))
        {
            var model = IsingModel.SquareLattice(length, periodic: true);
            var metropolis = MonteCarloSimulation.RunSquareLattice(length, BetaCritical, new MonteCarloOptions(Sweeps: sweeps, Thermalization: 2000, Chains: 2, Seed: 1, Threads: threads));
            var wolff = MonteCarloSimulation.Run(model, BetaCritical, new MonteCarloOptions(UpdateMethod.Wolff, Sweeps: sweeps, Thermalization: 200, Chains: 2, Seed: 1, Threads: threads));
            foreach (var (name, r) in new[] { ("metropolis", metropolis), ("wolff", wolff) })
                Console.WriteLine(Invariant($"{length,-6}{name,-12}{r.TauEnergy,-9:0.00}{r.TauMagnetization,-9:0.00}{r.EnergyPerSpin,-11:0.000000}{r.EnergyError,-10:0.000000}{r.SpecificHeatPerSpin,-9:0.0000}{r.SpecificHeatError,-9:0.0000}{r.Seconds:0.0}"));
        }
    }

    public static void TrgChi(string[] args)
    {
        var options = new BenchArgs("trg-chi", args, "chi", "steps");
        var steps = options.Int("steps", 20);
        Console.WriteLine($"TRG at β = 0.5, {steps} steps, against Onsager ln Z/N = {OnsagerHalf} (ORACLES.md)");
        Console.WriteLine($"{"chi",-6}{"lnZ/N",-22}{"error",-12}seconds");
        foreach (var chi in options.Ints("chi", [8, 12, 16, 20, 24]))
        {
            var clock = Stopwatch.StartNew();
            var value = TensorRenormalization.LogPartitionPerSite(0.5, chi, steps);
            Console.WriteLine(Invariant($"{chi,-6}{value,-22:0.0000000000000}{value - OnsagerHalf,-12:+0.0e0;-0.0e0}{clock.Elapsed.TotalSeconds:0.00}"));
        }
    }

    internal static double[] Doubles(string text) =>
        Array.ConvertAll(text.Split(','), item => double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new BenchArgsException($"'{item}' is not a number"));

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Decoding;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// <c>gpu-tn [--device cuda|opencl|gpu|ilgpu-cpu] [--check-shots 1000] [--batches 1000,10000,100000] [--repeats 5] [--seed S]
/// [--circuit tests/data/matching/sc_rmz_d03_r03_p0.003.dem]</c>: tn's batch paths on an ILGPU accelerator (one thread
/// per shot) against the CPU path, the prepared device command of issue 11. Exact mode on code-capacity rotated surface
/// codes (bit flips d = 5, 7, 9 at p = 0.1; depolarizing d = 5 at p = 0.15) and, when the file is there, the d = 3
/// circuit-level DEM (shipped in the repository's test data); boundary mode (χ = 8) on bit flips d = 9, 13 and
/// depolarizing d = 5, 9. Per model: the check shots' class
/// weights on both paths must agree to 1e-9 in ln W and in the decision (exit code 1 otherwise); then shots/s of
/// the CPU path on one thread and of each batch size on the accelerator (host to host, median after a warm-up).
/// </summary>
internal static class TnGpuRun
{
    private static readonly string[] Options = ["device", "check-shots", "batches", "repeats", "seed", "circuit"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("gpu-tn", args, Options);
        string device = options.Text("device", "cuda");
        int check = options.Int("check-shots", 1000), repeats = options.Int("repeats", 5);
        int[] batches = options.Ints("batches", [1_000, 10_000, 100_000]);
        ulong seed = options.Seed("seed");
        string circuit = options.Text("circuit", "tests/data/matching/sc_rmz_d03_r03_p0.003.dem");
        Console.WriteLine($"# gpu-tn, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {Environment.ProcessorCount} CPU cores; device {device}; seed {seed}; " +
            $"check {check} shots; batches {string.Join(", ", batches)}; median of {repeats} after one warm-up");
        const string Boundary = "tn:mode=boundary:chi=8";
        static DetectorErrorModel Surface(int d, NoiseModel noise, double p) => CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
        var models = new List<(string Name, DetectorErrorModel Model, string Spec)>
        {
            ("exact bit-flip d=5 p=0.1", Surface(5, NoiseModel.CodeCapacity, 0.1), "tn"),
            ("exact bit-flip d=7 p=0.1", Surface(7, NoiseModel.CodeCapacity, 0.1), "tn"),
            ("exact bit-flip d=9 p=0.1", Surface(9, NoiseModel.CodeCapacity, 0.1), "tn"),
            ("exact depolarizing d=5 p=0.15", Surface(5, NoiseModel.CodeCapacityDepolarizing, 0.15), "tn"),
        };
        if (File.Exists(circuit))
        {
            models.Add(("exact circuit d=3 " + Path.GetFileNameWithoutExtension(circuit), DetectorErrorModel.Load(circuit), "tn"));
        }
        models.Add(("boundary χ=8 bit-flip d=9 p=0.1", Surface(9, NoiseModel.CodeCapacity, 0.1), Boundary));
        models.Add(("boundary χ=8 bit-flip d=13 p=0.1", Surface(13, NoiseModel.CodeCapacity, 0.1), Boundary));
        models.Add(("boundary χ=8 depolarizing d=5 p=0.15", Surface(5, NoiseModel.CodeCapacityDepolarizing, 0.15), Boundary));
        models.Add(("boundary χ=8 depolarizing d=9 p=0.15", Surface(9, NoiseModel.CodeCapacityDepolarizing, 0.15), Boundary));
        var summary = new List<string>();
        int mismatches = 0;
        foreach (var (name, model, spec) in models)
        {
            var cpu = (TnCompiledDecoder)DecoderSpecs.Compile(spec, model);
            TnCompiledDecoder onDevice;
            try
            {
                onDevice = (TnCompiledDecoder)DecoderSpecs.Compile($"{spec}:device={device}", model);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"gpu-tn: {e.Message}");
                Environment.ExitCode = 2;
                return;
            }
            using var owned = onDevice;
            var gpu = onDevice.Gpu!;
            int classes = 1 << cpu.NumObservables, db = (cpu.NumDetectors + 7) >> 3;
            var (dets, _) = new DemSampler(model).Sample(Math.Max(check, batches.Max()), seed);
            Console.WriteLine();
            Console.WriteLine($"## {name}: {(spec == "tn" ? $"exact plan {cpu.Cost}" : spec)}; {gpu.ShotsPerLaunch} shots per launch at most");

            var gpuWeights = new double[check * classes];
            gpu.Solve(dets.AsSpan(0, check * db), gpuWeights, check);
            var decoder = cpu.CreateDecoder();
            var flips = new byte[1];
            int wrong = 0;
            double worst = 0;
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < check; s++)
            {
                decoder.Decode(dets.AsSpan(s * db, db), flips);
                var w = decoder.LogClassWeights;
                bool same = true;
                for (int c = 0; c < classes; c++)
                {
                    double g = gpuWeights[s * classes + c];
                    double diff = double.IsNegativeInfinity(w[c]) && double.IsNegativeInfinity(g) ? 0 : Math.Abs(w[c] - g);
                    worst = Math.Max(worst, diff);
                    same &= diff <= 1e-9;
                }
                if (!same && ++wrong <= 10)
                {
                    Console.WriteLine($"shot {s}: CPU ln W = [{string.Join(", ", w.ToArray())}], GPU [{string.Join(", ", gpuWeights.AsSpan(s * classes, classes).ToArray())}]");
                }
            }
            double cpuRate = check / clock.Elapsed.TotalSeconds;
            mismatches += wrong;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"check: {check} shots, {wrong} differ (largest |Δ ln W| {worst:0.0e0}); CPU one thread {cpuRate:0.000e+0} shots/s"));
            Console.WriteLine("| batch | median ms | shots/s | ÷ CPU one thread |");
            Console.WriteLine("|---|---|---|---|");
            double best = 0;
            foreach (int batch in batches)
            {
                var weights = new double[(long)batch * classes];
                gpu.Solve(dets.AsSpan(0, batch * db), weights, batch);  // warm-up
                var times = new double[repeats];
                for (int r = 0; r < repeats; r++)
                {
                    var t = Stopwatch.StartNew();
                    gpu.Solve(dets.AsSpan(0, batch * db), weights, batch);
                    times[r] = t.Elapsed.TotalSeconds;
                }
                Array.Sort(times);
                double rate = batch / times[repeats / 2];
                best = Math.Max(best, rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {batch} | {times[repeats / 2] * 1e3:0.000} | {rate:0.000e+0} | {rate / cpuRate:0.00} |"));
            }
            summary.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {check} / {wrong} | {cpuRate:0.000e+0} | {1e6 / cpuRate:0.0} | {best:0.000e+0} | {1e6 / best:0.000} | {best / cpuRate:0.0} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"## summary: tn exact and boundary modes, {device}, seed {seed}");
        Console.WriteLine("| model | check shots / mismatches | CPU one thread shots/s | CPU µs/shot | GPU best shots/s | GPU µs/shot (batch) | GPU ÷ CPU |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        summary.ForEach(Console.WriteLine);
        if (mismatches > 0)
        {
            Console.WriteLine($"FAILED: {mismatches} shots where the accelerator and the CPU path disagree");
            Environment.ExitCode = 1;
        }
    }
}

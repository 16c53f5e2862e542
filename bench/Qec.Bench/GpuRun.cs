using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime;
using Qec.BeliefPropagation;
using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Gpu;
using Qec.Core.Codes;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Gpu;

namespace Qec.Bench;

/// <summary>
/// <c>gpu [--device cuda|opencl|gpu|ilgpu-cpu] [--p 0.01,0.03] [--decoders bp,relaybp,bposd] [--check-shots 2000]
/// [--batches 1000,10000,100000,1000000] [--repeats 5] [--seed S]</c>: the BP family's ILGPU batch path (<see cref="GpuBatchDecoder"/>) on
/// the [[144,12,12]] bivariate bicycle code under code-capacity noise, the one prepared device command of
/// ../shared/GPU.md. Needs no files (the code is generated, the shots sampled at a printed seed), builds
/// nothing. For each p and decoder: a check subset decoded on the accelerator and on the plain C# path
/// must agree shot by shot in observables, BP iterations and convergence flags (mismatches are printed and
/// the exit code is 1); then batches of each size are timed (one warm-up, median of the repeats) and
/// their shots/s printed beside the plain path's on one thread. The last lines are the summary table.
/// On ILGPU's CPU accelerator (<c>--device ilgpu-cpu</c>, a slow simulator) use tiny sizes.
/// </summary>
internal static class GpuRun
{
    private static readonly string[] Options = ["device", "p", "decoders", "check-shots", "batches", "repeats", "seed"];
    private static readonly string[] Devices = ["cuda", "opencl", "gpu", "ilgpu-cpu"];

    /// <summary>Throughput goals of issue 10 at bb144 p = 1% (shots/s).</summary>
    private static readonly Dictionary<string, double> Goals = new() { ["bp"] = 1e7, ["relaybp"] = 1e6 };

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("gpu", args, Options);
        string device = options.Text("device", "cuda");
        if (Array.IndexOf(Devices, device) < 0)
        {
            throw new BenchArgsException($"gpu: --device {device}: expected one of {string.Join(", ", Devices)}");
        }
        var ps = options.Probabilities("p", [0.01, 0.03]);
        var decoders = options.Names("decoders", ["bp", "relaybp", "bposd"]);
        int check = options.Int("check-shots", 2_000), repeats = options.Int("repeats", 5);
        var batches = options.Ints("batches", [1_000, 10_000, 100_000, 1_000_000]);
        ulong seed = options.Seed("seed");
        Console.WriteLine($"# gpu, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {Environment.ProcessorCount} CPU cores; seed {seed}; " +
            $"check {check} shots; batches {string.Join(", ", batches)}; median of {repeats} after one warm-up");
        Console.WriteLine("ILGPU finds: " + string.Join("; ", GpuAccelerator.Context.Devices.Select(d => d.AcceleratorType == AcceleratorType.CPU
            ? $"{d.AcceleratorType} {d.Name}"
            : string.Create(CultureInfo.InvariantCulture, $"{d.AcceleratorType} {d.Name} ({d.MemorySize / (double)(1L << 30):0.0} GiB)"))));
        var registry = BeliefPropagationDecoders.Register(new DecoderRegistry());
        var code = BivariateBicycleCode.Create(12, 6, "x3+y+y2", "y3+x+x2");
        var summary = new List<string>();
        int mismatches = 0;
        foreach (double p in ps)
        {
            var model = CodeGenerators.BivariateBicycle(code, 1, NoiseModel.CodeCapacity, p);
            var (dets, _) = new DemSampler(model).Sample(Math.Max(check, batches.Max()), seed);
            foreach (string name in decoders)
            {
                var factory = registry.Get(name);
                var cpu = (BpCompiledDecoder)factory.Compile(model, DecoderOptions.Empty);
                if (!TryCompileOnDevice(factory, model, device, out var onDevice))
                {
                    Environment.ExitCode = 2;
                    return;
                }
                using var gpu = onDevice.Gpu!;
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"## {name}, bb144 code capacity p={p}: {gpu.DeviceName}, {gpu.ShotsPerLaunch} shots per launch at most"));
                var (cpuRate, wrong) = Check(cpu, gpu, dets, check, device);
                mismatches += wrong;
                Console.WriteLine("| batch | median ms | shots/s | ÷ CPU one thread |");
                Console.WriteLine("|---|---|---|---|");
                double best = 0;
                foreach (int batch in batches)
                {
                    double rate = batch / MedianSeconds(onDevice, dets, batch, repeats);
                    best = Math.Max(best, rate);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {batch} | {batch / rate * 1e3:0.000} | {rate:0.000e+0} | {rate / cpuRate:0.00} |"));
                }
                summary.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {p} | {check} / {wrong} | {cpuRate:0.000e+0} | {best:0.000e+0} | {best / cpuRate:0.00} | {Goal(name, p, best)} |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"## summary: bb144 code capacity, {device}, seed {seed}");
        Console.WriteLine("| decoder | p | check shots / mismatches | CPU one thread shots/s | GPU best shots/s | GPU ÷ CPU | goal (p = 1%) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        summary.ForEach(Console.WriteLine);
        if (mismatches > 0)
        {
            Console.WriteLine($"FAILED: {mismatches} shots where the accelerator and the plain C# path disagree");
            Environment.ExitCode = 1;
        }
    }

    /// <summary>Compiles for the accelerator of <paramref name="device"/>; false (with the reason printed) when the machine has none.</summary>
    private static bool TryCompileOnDevice(IDecoderFactory factory, DetectorErrorModel model, string device, out BpCompiledDecoder compiled)
    {
        try
        {
            compiled = (BpCompiledDecoder)factory.Compile(model, DecoderOptions.Parse([$"device={device}"]));
            return true;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"gpu: {e.Message}");
            compiled = null!;
            return false;
        }
    }

    /// <summary>
    /// Decodes the first <paramref name="shots"/> shots on the accelerator (outputs poisoned first) and on the plain path (<see cref="PlainPath"/>); prints each disagreement (the first ten in full). Returns the plain path's shots/s and the shots that differ.
    /// </summary>
    private static (double CpuShotsPerSecond, int Mismatches) Check(BpCompiledDecoder cpu, GpuBatchDecoder gpu,
        byte[] dets, int shots, string device)
    {
        int db = (cpu.NumDetectors + 7) >> 3, ob = (cpu.NumObservables + 7) >> 3;
        var gpuFlips = new byte[shots * ob];
        var gpuIterations = new int[shots];
        var gpuConverged = new bool[shots];
        Array.Fill(gpuFlips, (byte)0xA5);
        Array.Fill(gpuIterations, -1);
        gpu.Decode(dets.AsSpan(0, shots * db), gpuFlips, shots, gpuIterations, gpuConverged);

        var (flips, iterations, converged, cpuRate) = PlainPath(cpu, dets, shots);

        int mismatches = 0;
        for (int s = 0; s < shots; s++)
        {
            bool same = flips.AsSpan(s * ob, ob).SequenceEqual(gpuFlips.AsSpan(s * ob, ob))
                && iterations[s] == gpuIterations[s] && converged[s] == gpuConverged[s];
            if (!same && ++mismatches <= 10)
            {
                Console.WriteLine($"MISMATCH shot {s}: plain observables {Convert.ToHexString(flips, s * ob, ob)} iterations {iterations[s]} converged {converged[s]}; " +
                    $"{device} {Convert.ToHexString(gpuFlips, s * ob, ob)} iterations {gpuIterations[s]} converged {gpuConverged[s]}");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check: {shots} shots, {mismatches} differ from the plain path (observables, iterations, convergence); plain path one thread {cpuRate:0.000e+0} shots/s"));
        return (cpuRate, mismatches);
    }

    /// <summary>
    /// The plain C# path on this thread: each shot's observables, iterations and convergence, and its shots/s, timed over
    /// whole passes through the shots (at least half a second of them) after half a second of warm-up.
    /// </summary>
    private static (byte[] Flips, int[] Iterations, bool[] Converged, double ShotsPerSecond) PlainPath(BpCompiledDecoder cpu, byte[] dets, int shots)
    {
        int db = (cpu.NumDetectors + 7) >> 3, ob = (cpu.NumObservables + 7) >> 3;
        var plain = cpu.CreateDecoder();
        var flips = new byte[shots * ob];
        var iterations = new int[shots];
        var converged = new bool[shots];
        void Pass(int first, int count)
        {
            for (int s = first; s < first + count; s++)
            {
                plain.Decode(dets.AsSpan(s * db, db), flips.AsSpan(s * ob, ob));
                (iterations[s], converged[s]) = (plain.LastIterations, plain.LastConverged);
            }
        }
        ShotTally.WarmUp(shots, TimeSpan.FromSeconds(0.5), Pass);
        long decoded = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            Pass(0, shots);
            decoded += shots;
        }
        while (clock.Elapsed.TotalSeconds < 0.5);
        return (flips, iterations, converged, decoded / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Median wall seconds of decoding the first <paramref name="batch"/> shots as one batch, after one warm-up batch.</summary>
    private static double MedianSeconds(BpCompiledDecoder compiled, byte[] dets, int batch, int repeats)
    {
        var gpu = compiled.Gpu!;
        int db = (compiled.NumDetectors + 7) >> 3, ob = (compiled.NumObservables + 7) >> 3;
        var flips = new byte[batch * ob];
        var input = dets.AsSpan(0, batch * db);
        gpu.Decode(input, flips, batch, [], []);
        var seconds = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            gpu.Decode(input, flips, batch, [], []);
            seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(seconds);
        return repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
    }

    /// <summary>The goal cell: met or not, for the decoders with a goal at p = 1%.</summary>
    private static string Goal(string decoder, double p, double shotsPerSecond) =>
        Goals.TryGetValue(decoder, out double goal) && p == 0.01
            ? string.Create(CultureInfo.InvariantCulture, $"≥ {goal:0e+0}: {(shotsPerSecond >= goal ? "met" : "NOT met")}")
            : "–";
}

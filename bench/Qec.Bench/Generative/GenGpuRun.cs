using System.Diagnostics;
using System.Globalization;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Generative.Decoding;
using Qec.Generative.Models;

namespace Qec.Bench.Generative;

/// <summary>
/// <c>gpu-gen [--device cuda|ilgpu-cpu] [--model F.st] [--check-shots 2000] [--batches 1000,10000,100000] [--repeats 5]
/// [--hidden 128 --layers 3]</c>: the gen decoder's batch path on an ILGPU accelerator (<see cref="Qec.Generative.Gpu.MadeKernel"/>,
/// one thread per shot) at d = 5 circuit level (reference DEM sc_rmz_d05_r05_p0.005 and its shots), float32 and float64.
/// Without <c>--model</c> a seeded untrained network of the given size is used (speed does not depend on the weights; no base
/// decoder so the device's time is not hidden behind mwpm's). Checks every check shot's decision against the CPU path
/// (exit code 1 on a mismatch), then prints shots/s of the CPU path on one thread and of each batch on the device.
/// </summary>
internal static class GenGpuRun
{
    private static readonly string[] Options = ["device", "model", "check-shots", "batches", "repeats", "hidden", "layers"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("gpu-gen", args, Options);
        string device = options.Text("device", "cuda");
        int check = options.Int("check-shots", 2000), repeats = options.Int("repeats", 5);
        int[] batches = options.Ints("batches", [1_000, 10_000, 100_000]);
        const string Name = "sc_rmz_d05_r05_p0.005";
        var model = DetectorErrorModel.Load(ReferenceData.Path("dems", Name + ".dem"));
        string path = options.Text("model", "");
        if (path.Length == 0)
        {
            path = Path.Combine(Path.GetTempPath(), $"gpu-gen-{Environment.ProcessId}.st");
            var network = new MadeNetwork<float>(new MadeConfig(1, (int)model.NumDetectors, options.Int("hidden", 128), options.Int("layers", 3), Residual: true), seed: 1);
            GenerativeModelFile.Save(network, path, model, GenerativeModelFile.NoBase);
        }
        var reference = ReferenceData.ReadShots(ReferenceData.Path("shots", Name + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors((int)model.NumDetectors));
        int db = ((int)model.NumDetectors + 7) >> 3, available = reference.Length / db, most = Math.Max(check, batches.Max());
        var dets = new byte[(long)most * db];
        for (long at = 0; at < dets.Length; at += reference.Length)
        {
            reference.AsSpan(0, (int)Math.Min(reference.Length, dets.Length - at)).CopyTo(dets.AsSpan((int)at));  // reference shots, repeated
        }
        Console.WriteLine($"# gpu-gen, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {Environment.ProcessorCount} CPU cores; device {device}; {Name} ({available} reference shots, repeated); model {path}");
        Console.WriteLine("| precision | check shots / mismatches | CPU 1 thread shots/s | " + string.Join(" | ", batches.Select(b => $"device batch {b} shots/s")) + " |");
        Console.WriteLine("|---|---|---|" + string.Concat(batches.Select(_ => "---|")));
        int mismatches = 0;
        foreach (string precision in new[] { "f32", "f64" })
        {
            var cpu = GenDecoders.Compile($"gen:model={path}:precision={precision}", model).CreateDecoder();
            var gpu = GenDecoders.Compile($"gen:model={path}:precision={precision}:device={device}", model).CreateDecoder();
            var expected = new byte[check];
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < check; s++)
            {
                cpu.Decode(dets.AsSpan(s * db, db), expected.AsSpan(s, 1));
            }
            double cpuRate = check / clock.Elapsed.TotalSeconds;
            var actual = new byte[most];
            gpu.DecodeBatch(dets.AsSpan(0, check * db), actual, check);
            int wrong = 0;
            for (int s = 0; s < check; s++)
            {
                wrong += expected[s] == actual[s] ? 0 : 1;
            }
            mismatches += wrong;
            var cells = new List<string>();
            foreach (int batch in batches)
            {
                gpu.DecodeBatch(dets.AsSpan(0, batch * db), actual, batch);  // warm-up
                var times = new double[repeats];
                for (int r = 0; r < repeats; r++)
                {
                    var t = Stopwatch.StartNew();
                    gpu.DecodeBatch(dets.AsSpan(0, batch * db), actual, batch);
                    times[r] = t.Elapsed.TotalSeconds;
                }
                Array.Sort(times);
                cells.Add((batch / times[repeats / 2]).ToString("0.000e+0", CultureInfo.InvariantCulture));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {precision} | {check} / {wrong} | {cpuRate:0.000e+0} | {string.Join(" | ", cells)} |"));
        }
        if (mismatches > 0)
        {
            Console.WriteLine($"FAILED: {mismatches} shots where the device and the CPU path decide differently");
            Environment.ExitCode = 1;
        }
    }
}

using System.Diagnostics;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Core.Dem;
using Qec.Core.Sampling;

namespace Qec.Bench;

/// <summary>
/// <c>circuit-sample [--cases sc_rmz_d05_r05_p0.001,sc_rmz_d17_r17_p0.001 --shots N --repeats R --words W --only both|circuit|dem --warmup-runs K --threads T] (N default 400000)</c>
/// or <c>circuit-sample --circuit X.stim[,Y.stim] --shots N …</c> (any circuit files, circuit sampler only, N shots each):
/// shots/s of the circuit (Pauli-frame) sampler on reference circuits, and of the DEM sampler on
/// Stim's DEMs of the same circuits, b8 output kept in memory (no disk). N shots for d ≤ 5; larger
/// circuits get N·25/d² so each case takes comparable time. Best of R timings (thread CPU time, default 5) after ≥ 1 s of untimed runs (tiered JIT warm-up). W: words (64 shots each) per batch, a power of two ≥ 4; 0 (default) = the sampler's own choice. K &gt; 0: K untimed runs instead of ≥ 1 s (fixed work, for instruction counts). T &gt; 1: the circuit sampler on T threads, timed by wall clock (thread CPU time would miss the workers).
/// </summary>
internal static class CircuitSampleRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("circuit-sample", rest, "cases", "shots", "repeats", "words", "only", "warmup-runs", "circuit", "threads");
        int threads = args.Int("threads", 1);
        var cases = args.Names("cases", ["sc_rmz_d05_r05_p0.001", "sc_rmz_d17_r17_p0.001"]);
        int baseShots = args.Int("shots", 400_000);
        int repeats = args.Int("repeats", 5);
        int words = args.Int("words", 0);
        string only = args.Text("only", "both");
        if (only is not ("both" or "circuit" or "dem"))
        {
            throw new ArgumentException($"circuit-sample: --only must be both, circuit or dem, not '{only}'");
        }
        int warmupRuns = args.Int("warmup-runs", 0);
        if (args.Names("circuit", []) is { Length: > 0 } files)
        {
            // Circuits without a DEM beside them (e.g. the circuits of Stim's published timings, made by qecd gen circuit).
            Console.WriteLine("circuit | qubits | detectors | words/batch | shots | circuit sampler shots/s");
            foreach (string file in files)
            {
                var circuit = Circuit.Load(file);
                var sampler = new CircuitSampler(circuit, words);
                long sink = 0;
                double rate = Best(n => sampler.SampleBatches(n, 1, (dets, _, _) => sink += dets[^1], threads), baseShots, repeats, warmupRuns, threads > 1);
                Console.WriteLine($"{Path.GetFileName(file)} | {circuit.NumQubits} | {sampler.NumDetectors} | {sampler.WordsPerBatch} | {baseShots} | {rate:F0} (sink {sink & 1})");
            }
            return;
        }
        Console.WriteLine("case | detectors | words/batch | shots | circuit sampler shots/s | DEM sampler shots/s | ratio");
        foreach (string name in cases)
        {
            var circuit = Circuit.Load(ReferenceData.Path("circuits", name + ".stim"));
            var dem = new DemSampler(DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem")));
            var sampler = new CircuitSampler(circuit, words);
            int d = int.Parse(name.Split('_')[2].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            long shots = Math.Max(1000, (long)baseShots * 25 / Math.Max(25, d * d));
            long sink = 0;
            void CircuitRun(long n) => sampler.SampleBatches(n, 1, (dets, _, _) => sink += dets[^1], threads);
            void DemRun(long n) => dem.SampleBatches(n, 1, (dets, _, _) => sink += dets[^1]);
            double circuitRate = only == "dem" ? double.NaN : Best(CircuitRun, shots, repeats, warmupRuns, threads > 1);
            double demRate = only == "circuit" ? double.NaN : Best(DemRun, shots, repeats, warmupRuns);
            Console.WriteLine($"{name} | {sampler.NumDetectors} | {sampler.WordsPerBatch} | {shots} | {circuitRate:F0} | {demRate:F0} | {circuitRate / demRate:F2} (sink {sink & 1})");
        }
    }

    private static double Best(Action<long> run, long shots, int repeats, int warmupRuns, bool wallClock = false)
    {
        // Warm-up for at least a second: tiered JIT promotes the hot loops only after ~100 ms of calls
        // and on-stack replacement, so a short warm-up times tier-0 code (the DEM sampler ran 2.5× slower).
        // A fixed number of warm-up runs instead makes the work fixed (instruction-count A/Bs, run with
        // DOTNET_TieredCompilation=0).
        var warm = Stopwatch.StartNew();
        for (int r = 0; warmupRuns > 0 ? r < warmupRuns : warm.Elapsed.TotalSeconds < 1; r++)
        {
            run(shots);
        }
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            // Thread CPU time, not wall time: on this shared 2-core VM other processes take the core away.
            long start = wallClock ? Stopwatch.GetTimestamp() : ThreadCpuClock.Nanoseconds();
            run(shots);
            double seconds = wallClock ? Stopwatch.GetElapsedTime(start).TotalSeconds : (ThreadCpuClock.Nanoseconds() - start) * 1e-9;
            best = Math.Max(best, shots / seconds);
        }
        return best;
    }
}

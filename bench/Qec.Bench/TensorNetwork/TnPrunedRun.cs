using System.Globalization;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Core.Graphs;
using Qec.TensorNetwork.Decoding;
using Qec.TensorNetwork.Decoding.Pruned;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// <c>tn-pruned [--cases sc_rmz_d05_r05_p0.003,…] [--states 64,256,1024,4096,16384] [--shots 1000] [--threads 2]</c>:
/// how pruned mode converges in its beam (<c>states</c>) on Stim's circuit-level reference shots. Per beam:
/// logical errors, decisions that differ from the largest beam's, the discarded-weight bound (mean and
/// largest), the shots whose decision it certifies as maximum likelihood (margin between the two heaviest
/// classes above the bound), and core µs per shot; exact mode's row first where it runs.
/// </summary>
internal static class TnPrunedRun
{
    private static readonly string[] Options = ["cases", "states", "shots", "threads"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("tn-pruned", args, Options);
        int maxShots = options.Int("shots", 1000), threads = options.Int("threads", 2);
        int[] beams = options.Ints("states", [64, 256, 1024, 4096, 16384]);
        Console.WriteLine($"# tn-pruned, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {threads} threads, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| case | shots | tn | errors | decisions ≠ largest beam | mean bound | largest bound | certified ML | core µs/shot |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (string name in options.Names("cases", ["sc_rmz_d03_r03_p0.003", "sc_rmz_d05_r05_p0.003"]))
        {
            var model = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
            var observables = ShotLayout.Observables((int)model.Counts.NumObservables);
            var dets = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors((int)model.Counts.NumDetectors));
            var obs = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".obs.01"), SampleFormat.Format01, observables);
            int shots = Math.Min(maxShots, obs.Length / observables.BytesPerShot);
            var schedule = new FrontierSchedule(CheckMatrix.From(model));
            Console.Error.WriteLine($"{name}: {schedule.Steps} mechanisms, frontier {schedule.Width} bits (observables included)");
            var specs = beams.Order().Select(b => $"tn:mode=pruned:states={b}").ToList();
            if (DecoderSpecs.TryCompile("tn", model).Decoder is not null)
            {
                specs.Insert(0, "tn");
            }
            var runs = specs.Select(spec => (spec, Beam.Run((TnCompiledDecoder)DecoderSpecs.Compile(spec, model), dets, obs, shots, threads))).ToList();
            var largest = runs[^1].Item2;
            foreach (var (spec, run) in runs)
            {
                int differ = run.Choice.Zip(largest.Choice).Count(pair => pair.First != pair.Second);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {shots} | {spec} | {run.Errors} | {differ} | {run.Bounds.Average():0.0e0} | {run.Bounds.Max():0.0e0} | " +
                    $"{run.Certified} | {run.CoreSeconds * 1e6 / shots:0} |"));
            }
        }
    }

    /// <summary>One decoder's pass over the shots: chosen class, bound and margin per shot.</summary>
    private sealed record Beam(int[] Choice, double[] Bounds, int Errors, int Certified, double CoreSeconds)
    {
        public static Beam Run(TnCompiledDecoder compiled, byte[] dets, byte[] obs, int shots, int threads)
        {
            var choice = new int[shots];
            var bounds = new double[shots];
            var wrong = new bool[shots];
            var certified = new bool[shots];
            double seconds = ShotOutcomes.TimedRanges(shots, threads, (first, end) =>
            {
                var decoder = compiled.CreateDecoder();
                int db = (decoder.NumDetectors + 7) >> 3, ob = (decoder.NumObservables + 7) >> 3;
                var flips = new byte[ob];
                return () =>
                {
                    for (int s = first; s < end; s++)
                    {
                        decoder.Decode(dets.AsSpan(s * db, db), flips);
                        wrong[s] = !flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob));
                        var w = decoder.LogClassWeights;
                        int best = 0;
                        for (int c = 1; c < w.Length; c++)
                        {
                            best = w[c] > w[best] ? c : best;
                        }
                        double total = 0, second = 0;
                        for (int c = 0; c < w.Length; c++)
                        {
                            double relative = Math.Exp(w[c] - w[best]);
                            total += relative;
                            second = c == best ? second : Math.Max(second, relative);
                        }
                        choice[s] = best;
                        bounds[s] = decoder.LastDiscardedWeight;
                        // Each class is short of its true weight by at most bound × Σ: a margin above that is the ML class.
                        certified[s] = 1 - second > decoder.LastDiscardedWeight * total;
                    }
                };
            });
            return new Beam(choice, bounds, wrong.Count(x => x), certified.Count(x => x), seconds);
        }
    }
}

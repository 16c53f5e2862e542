using System.Globalization;
using Qec.Bench.TensorNetwork;
using Qec.Cli.Compare;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Core.Sampling;

namespace Qec.Bench.Generative;

/// <summary>
/// <c>gen-accuracy --models DIR [--tables cc,circuit,k2] [--shots 20000] [--threads 2] [--seed S]</c>: the acceptance tables
/// of the gen decoder (issue 12), each decoder on the same shots with the paired (McNemar) error bar:
/// (a) <c>cc</c>: rotated surface code, code-capacity depolarizing noise, d = 3, 5, p = 0.05, 0.10, 0.15 — gen against
/// tn (exact maximum likelihood) and mwpm on <c>--shots</c> sampled shots; (b) <c>circuit</c>: the reference circuit-level
/// DEMs sc_rmz_d0X_r0X_p* on their 10,000 reference shots — gen against mwpm and PyMatching's correlated matching
/// (reference/pymatching-correlated predictions); (c) <c>k2</c>: two d = 3 patches at p = 0.10 (k = 2, exact search over 4
/// classes) against tn and mwpm. Models are DIR/NAME.st, written by <c>qecd train gen</c> (names: cc_d3_p0.10,
/// sc_rmz_d05_r05_p0.005, two_cc_d3_p0.10); <c>--models A+B+…</c> decodes with the ensemble of A/NAME.st, B/NAME.st, ….
/// </summary>
internal static class GenAccuracyRun
{
    private static readonly string[] Options = ["models", "tables", "shots", "threads", "seed", "d", "p"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("gen-accuracy", args, Options);
        string folder = options.Text("models", "");
        if (folder.Length == 0)
        {
            throw new BenchArgsException("gen-accuracy: --models DIR (the folder of weights files written by qecd train gen) is required");
        }
        int shots = options.Int("shots", 20_000), threads = options.Int("threads", 2);
        ulong seed = options.Seed("seed");
        Console.WriteLine($"# gen-accuracy, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {threads} threads, .NET {Environment.Version}; seed {seed}; models {folder}");
        foreach (string table in options.Names("tables", ["cc", "circuit", "k2"]))
        {
            Console.WriteLine();
            switch (table)
            {
                case "cc":
                    CodeCapacity(folder, options.Ints("d", [3, 5]), options.Probabilities("p", [0.05, 0.10, 0.15]), shots, threads, seed);
                    break;
                case "circuit":
                    Circuit(folder, options.Ints("d", [3, 5]), threads);
                    break;
                case "k2":
                    TwoPatches(folder, shots, threads, seed);
                    break;
                default:
                    throw new BenchArgsException($"gen-accuracy: --tables {table}: expected cc, circuit or k2");
            }
        }
    }

    private static void CodeCapacity(string folder, int[] distances, double[] ps, int shots, int threads, ulong seed)
    {
        Console.WriteLine($"## (a) code-capacity depolarizing, rotated surface code, {shots} shots per row (the same for every decoder)");
        Console.WriteLine("| d | p | tn (ML) errors | gen errors | mwpm errors | gen ÷ tn | gen wrong, tn right | tn wrong, gen right | tn − gen ± 95% (paired) | gen µs/shot |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (int d in distances)
        {
            foreach (double p in ps)
            {
                var model = GenDecoders.CodeCapacity(d, p);
                string name = GenDecoders.CodeCapacityName(d, p);
                var gen = GenDecoders.Compile($"gen:model={GenDecoders.ModelPath(folder, name, $"{name}.dem")}", model);
                var (dets, obs) = new DemSampler(model).Sample(shots, seed);
                var g = ShotOutcomes.Decode(gen, dets, obs, shots, threads);
                var t = ShotOutcomes.Decode(GenDecoders.Compile("tn", model), dets, obs, shots, threads);
                var m = ShotOutcomes.Decode(GenDecoders.Compile("mwpm", model), dets, obs, shots, threads);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {d} | {p:0.00} | {t.Errors} | {g.Errors} | {m.Errors} | {(double)g.Errors / t.Errors:0.000} | {g.Discordant(t)} | {g.MicrosPerShot:0.0} |"));
            }
        }
    }

    private static void Circuit(string folder, int[] distances, int threads)
    {
        Console.WriteLine("## (b) circuit level: reference DEMs and their 10,000 reference shots (Stim), the same shots for every decoder");
        Console.WriteLine("| case | gen errors [95% Wilson] | mwpm errors | PyMatching correlated errors | gen wrong, mwpm right | mwpm wrong, gen right | mwpm − gen ± 95% (paired) | gen µs/shot (incl. mwpm) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (int d in distances)
        {
            foreach (string p in new[] { "0.001", "0.003", "0.005", "0.007" })
            {
                string name = $"sc_rmz_d{d:00}_r{d:00}_p{p}";
                string demPath = ReferenceData.Path("dems", name + ".dem");
                var model = DetectorErrorModel.Load(demPath);
                var observables = ShotLayout.Observables((int)model.NumObservables);
                var dets = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors((int)model.NumDetectors));
                var obs = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".obs.01"), SampleFormat.Format01, observables);
                var correlated = ReferenceData.ReadShots(ReferenceData.Path("pymatching-correlated", name + ".pred.01"), SampleFormat.Format01, observables);
                int shots = obs.Length / observables.BytesPerShot;
                var gen = GenDecoders.Compile($"gen:model={GenDecoders.ModelPath(folder, name, demPath)}", model);
                var g = ShotOutcomes.Decode(gen, dets, obs, shots, threads);
                var m = ShotOutcomes.Decode(GenDecoders.Compile("mwpm", model), dets, obs, shots, threads);
                var c = ShotOutcomes.Of(correlated, obs, observables.BytesPerShot, shots);
                var rate = BinomialInterval.Wilson(g.Errors, shots);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {g.Errors}/{shots} [{rate.Low * shots:0}, {rate.High * shots:0}] | {m.Errors} | {c.Errors} | {g.Discordant(m)} | {g.MicrosPerShot:0.0} |"));
            }
        }
    }

    private static void TwoPatches(string folder, int shots, int threads, ulong seed)
    {
        Console.WriteLine($"## (c) k = 2: two independent d = 3 patches, code-capacity depolarizing p = 0.10 (16 detectors, L0 and L1), {shots} shots, exact search over 4 classes, no base decoder");
        Console.WriteLine("| decoder | errors (either observable wrong) | gen wrong, other right | other wrong, gen right | other − gen ± 95% (paired) |");
        Console.WriteLine("|---|---|---|---|---|");
        var model = GenDecoders.TwoPatches(3, 0.10);
        var gen = GenDecoders.Compile($"gen:model={GenDecoders.ModelPath(folder, "two_cc_d3_p0.10", "two_cc_d3_p0.10.dem")}", model);
        var (dets, obs) = new DemSampler(model).Sample(shots, seed);
        var g = ShotOutcomes.Decode(gen, dets, obs, shots, threads);
        Console.WriteLine($"| gen | {g.Errors} | | | |");
        foreach (string other in new[] { "tn", "mwpm" })
        {
            var o = ShotOutcomes.Decode(GenDecoders.Compile(other, model), dets, obs, shots, threads);
            Console.WriteLine($"| {other} | {o.Errors} | {g.Discordant(o)} |");
        }
    }
}

using System.Globalization;
using Qec.BeliefPropagation;
using Qec.Cli.Compare;
using Qec.Core.Codes;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Matching;

namespace Qec.Bench;

/// <summary>
/// <c>bp-circuit [--parts surface,colour,bb] [--decoders bp,bposd,relaybp] [--shots 20000] [--seed S] [--bb-rounds 4]
/// [--bb-p 0.02,0.03]</c>: the BP family beyond code capacity, on one thread, as tables for bench/RESULTS.md
/// (<c>--shots</c>: shots sampled per model, and at most that many of each reference file; the seed is printed).
/// <list type="number">
/// <item>surface: Stim's circuit-level d = 5 rotated surface code shots (p = 0.3%, 0.5%; ../shared/reference)
/// decoded by mwpm and the BP decoders on the same shots, next to PyMatching's count (issue 10: bposd should
/// make fewer errors than mwpm, as ldpc's BP+OSD-CS7 did, 28 vs 40 at p = 0.4%, because the check matrix keeps
/// the Y correlations that the matching graph drops).</item>
/// <item>colour: the colour-code DEMs of ../shared/reference/circuits-extra (<c>cc_xyz_*.plain.dem</c>,
/// hyperedges), shots sampled with <see cref="DemSampler"/> at a fixed seed; mwpm as well on Stim's
/// decomposed DEM of the same circuit where one exists.</item>
/// <item>bb: the [[144,12,12]] code under phenomenological noise (generated; a few rounds), sampled alike.</item>
/// </list>
/// Logical error rates carry 95% Wilson intervals; times are wall µs per shot after a warm-up.
/// </summary>
internal static class BpCircuitRun
{
    private static readonly string[] Options = ["parts", "decoders", "shots", "seed", "bb-rounds", "bb-p"];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(0.5);
    private static readonly string[] Parts = ["surface", "colour", "bb"];
    private static readonly string[] SurfaceCases = ["sc_rmz_d05_r05_p0.003", "sc_rmz_d05_r05_p0.005"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("bp-circuit", args, Options);
        var parts = options.Names("parts", Parts);
        if (parts.FirstOrDefault(part => Array.IndexOf(Parts, part) < 0) is { } unknown)
        {
            throw new BenchArgsException($"bp-circuit: --parts {unknown}: expected some of {string.Join(",", Parts)}");
        }
        var decoders = options.Names("decoders", ["bp", "bposd", "relaybp"]);
        int shots = options.Int("shots", 20_000);
        ulong seed = options.Seed("seed");
        var registry = MatchingDecoders.Register(BeliefPropagationDecoders.Register(new DecoderRegistry()));
        Console.WriteLine($"# bp-circuit, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, one thread, .NET {Environment.Version}; " +
            $"each timed run after {WarmUp.TotalSeconds} s of warm-up");
        if (parts.Contains("surface"))
        {
            Surface(registry, decoders, shots);
        }
        if (parts.Contains("colour"))
        {
            Header($"Colour codes (../shared/reference/circuits-extra, Stim memory_xyz), {shots} shots sampled per model, seed {seed}");
            foreach (string plain in Directory.GetFiles(ReferenceData.Path("circuits-extra"), "cc_xyz_*.plain.dem").Order(StringComparer.Ordinal))
            {
                string decomposed = plain.Replace(".plain.dem", ".decomposed.dem", StringComparison.Ordinal);
                var matchable = File.Exists(decomposed) ? DetectorErrorModel.Load(decomposed) : null;
                Sampled(registry, Path.GetFileName(plain), DetectorErrorModel.Load(plain), decoders, matchable, shots, seed);
            }
        }
        if (parts.Contains("bb"))
        {
            int rounds = options.Int("bb-rounds", 4);
            var code = BivariateBicycleCode.Create(12, 6, "x3+y+y2", "y3+x+x2");
            Header($"[[144,12,12]] (l=12, m=6, A=x3+y+y2, B=y3+x+x2), phenomenological noise, {rounds} rounds, {shots} shots sampled per p, seed {seed}");
            foreach (double p in options.Probabilities("bb-p", [0.02, 0.03]))
            {
                var model = CodeGenerators.BivariateBicycle(code, rounds, NoiseModel.Phenomenological, p);
                Sampled(registry, string.Create(CultureInfo.InvariantCulture, $"bb144 r={rounds} p={p}"), model, decoders, null, shots, seed);
            }
        }
    }

    /// <summary>Part 1: the reference circuit-level shots (the first <paramref name="maxShots"/>), every decoder on the same shots, with PyMatching's count beside.</summary>
    private static void Surface(DecoderRegistry registry, string[] decoders, int maxShots)
    {
        Console.WriteLine();
        Console.WriteLine("## Circuit-level rotated surface code, d = 5, 5 rounds (Stim's shots and decomposed DEMs, ../shared/reference)");
        Console.WriteLine("| case | decoder | errors / shots | PyMatching errors (whole file) | not converged | mean iterations | µs/shot | ÷ mwpm time |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (string name in SurfaceCases)
        {
            var model = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
            var (detectors, observables) = (ShotLayout.Detectors((int)model.Counts.NumDetectors), ShotLayout.Observables((int)model.Counts.NumObservables));
            var dets = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".dets.b8"), SampleFormat.B8, detectors);
            var obs = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".obs.01"), SampleFormat.Format01, observables);
            int shots = Math.Min(maxShots, obs.Length / observables.BytesPerShot);
            int pyMatching = PyMatchingErrors(name);
            double mwpmMicros = double.NaN;
            foreach (string decoderName in (string[])["mwpm", .. decoders])
            {
                var decoder = registry.Get(decoderName).Compile(model, DecoderOptions.Empty).CreateDecoder();
                var tally = ShotTally.DecodeWarm(decoder, dets, obs, shots, WarmUp);
                mwpmMicros = decoderName == "mwpm" ? tally.MicrosPerShot : mwpmMicros;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {decoderName} | {tally.Errors} / {shots} | {pyMatching} | {Convergence(decoderName, tally)} | {tally.MicrosPerShot:0.00} | {tally.MicrosPerShot / mwpmMicros:0.0} |"));
            }
        }
    }

    /// <summary>Parts 2 and 3: <paramref name="shots"/> shots sampled from <paramref name="model"/>, decoded by each decoder; mwpm on <paramref name="matchable"/> when given.</summary>
    private static void Sampled(DecoderRegistry registry, string label, DetectorErrorModel model, string[] decoders, DetectorErrorModel? matchable,
        int shots, ulong seed)
    {
        var (dets, obs) = new DemSampler(model).Sample(shots, seed);
        var runs = decoders.Select(name => (Name: name, Model: model)).ToList();
        if (matchable is not null)
        {
            runs.Add(("mwpm (decomposed DEM)", matchable));
        }
        var counts = model.Counts;
        foreach (var (name, runModel) in runs)
        {
            var decoder = registry.Get(name.Split(' ')[0]).Compile(runModel, DecoderOptions.Empty).CreateDecoder();
            var tally = ShotTally.DecodeWarm(decoder, dets, obs, shots, WarmUp);
            var rate = BinomialInterval.Wilson(tally.Errors, shots);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {counts.NumDetectors} × {counts.NumErrors} | {name} | {tally.Errors} / {shots} | {rate.Estimate:0.00e+0} [{rate.Low:0.00e+0}, {rate.High:0.00e+0}] | {Convergence(name, tally)} | {tally.MicrosPerShot:0.0} |"));
        }
    }

    private static void Header(string title)
    {
        Console.WriteLine();
        Console.WriteLine("## " + title);
        Console.WriteLine("| model | detectors × mechanisms | decoder | errors / shots | logical error rate [95% Wilson] | not converged | mean iterations | µs/shot |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
    }

    /// <summary>"not converged | mean iterations" cells: dashes for decoders without BP.</summary>
    private static string Convergence(string decoder, ShotTally tally) => decoder.StartsWith("mwpm", StringComparison.Ordinal)
        ? "– | –"
        : string.Create(CultureInfo.InvariantCulture, $"{tally.NotConverged} | {tally.MeanIterations:0.0}");

    /// <summary>PyMatching's logical errors on the reference shots of <paramref name="name"/> (ler_pymatching.csv, column pm_errors).</summary>
    private static int PyMatchingErrors(string name)
    {
        var lines = File.ReadAllLines(ReferenceData.Path("ler_pymatching.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "pm_errors");
        foreach (string line in lines)
        {
            var fields = line.Split(',');
            if (fields[0] == name)
            {
                return int.Parse(fields[column], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidDataException($"{ReferenceData.Path("ler_pymatching.csv")}: no row for {name}");
    }
}

using System.CommandLine;
using System.Globalization;
using Qec.Cli.Compare;
using Qec.Core.Decoding;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd bench decoders [--decoders mwpm,uf] [--gen SPEC | --dems GLOB… | --circuits GLOB…] [--shots N] [--repeats K]
/// [--threads T] [--out bench.csv]</c>: µs per shot and per round of each decoder on each model, one
/// thread and all threads, as a Markdown table on standard output and optionally a CSV.
/// </summary>
public static class BenchDecodersCommand
{
    /// <summary>The models timed when neither --gen nor --dems is given.</summary>
    public const string DefaultGen = "surface:phenomenological:d=5,9,13,17:p=0.005";

    /// <summary>Decoders left out of the default list because they cannot run without options (gen needs model=PATH).</summary>
    public static readonly string[] NeedOptions = [Qec.Generative.Decoding.GenerativeDecoderFactory.DecoderName];

    /// <summary>Builds the <c>bench decoders</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var decoders = new Option<string>("--decoders")
        {
            Description = $"comma-separated decoders, each NAME or NAME:KEY=VALUE:... with options (e.g. bposd:device=cuda, gen:model=m.st): {string.Join(", ", registry.Names)}; default: all but {string.Join(", ", NeedOptions)}",
            DefaultValueFactory = _ => string.Join(",", registry.Names.Where(name => Array.IndexOf(NeedOptions, name) < 0)),
        };
        var gen = new Option<string[]>("--gen") { Description = $"generated models (grammar as qecd compare; default {DefaultGen})" };
        var dems = new Option<string[]>("--dems") { Description = "DEM files or globs", AllowMultipleArgumentsPerToken = true };
        var circuits = new Option<string[]>("--circuits", "--circuit") { Description = "Stim circuits or globs, analyzed into decomposed DEMs (instead of --dems)", AllowMultipleArgumentsPerToken = true };
        var shots = new Option<int>("--shots") { Description = "shots per timed pass", DefaultValueFactory = _ => 10_000 };
        var repeats = new Option<int>("--repeats") { Description = "timed passes per thread count (the median is reported)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "threads of the multi-threaded passes", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed") { Description = "sampler seed", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "CSV output (optional)" };
        var command = new Command("decoders", "time each decoder on each model: µs per shot and per round, one thread and all threads")
        {
            decoders, gen, dems, circuits, shots, repeats, threads, seed, output,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int shotCount = parse.GetValue(shots), repeatCount = parse.GetValue(repeats), threadCount = parse.GetValue(threads);
            if (shotCount < 1 || repeatCount < 1 || threadCount < 1)
            {
                throw new ArgumentException("--shots, --repeats and --threads must be at least 1");
            }
            var factories = SweepSources.Decoders(registry, parse.GetValue(decoders)!);
            string[]? genSpecs = parse.GetValue(gen), demPatterns = parse.GetValue(dems), circuitPatterns = parse.GetValue(circuits);
            if (genSpecs is not { Length: > 0 } && demPatterns is not { Length: > 0 } && circuitPatterns is not { Length: > 0 })
            {
                genSpecs = [DefaultGen];
            }
            var models = SweepSources.Models(genSpecs, demPatterns, circuits: circuitPatterns, notes: console.Error);
            using var csv = parse.GetValue(output) is { } file ? new StreamWriter(file.FullName) { NewLine = "\n" } : null;
            csv?.WriteLine(DecoderBench.CsvHeader);
            console.Out.WriteLine($"| decoder | code | detectors | events/shot | µs/shot 1T | µs/round 1T | µs/shot {threadCount}T | µs/round {threadCount}T | speedup |");
            console.Out.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var model in models)
            {
                foreach (var row in DecoderBench.Run(model, factories, shotCount, repeatCount, threadCount, parse.GetValue(seed)))
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {row.Decoder} | {row.Code} | {row.Detectors} | {row.EventsPerShot:0.0} | {row.MicrosPerShotOneThread:0.000} | " +
                        $"{Round(row.MicrosPerRoundOneThread)} | {row.MicrosPerShotAllThreads:0.000} | {Round(row.MicrosPerRoundAllThreads)} | " +
                        $"{row.MicrosPerShotOneThread / row.MicrosPerShotAllThreads:0.00} |"));
                    console.Out.Flush();
                    csv?.WriteLine(DecoderBench.FormatCsv(row));
                    csv?.Flush();
                }
            }
            console.Error.WriteLine($"{shotCount} shots per pass, median of {repeatCount} passes, {Environment.ProcessorCount} cores");
            return 0;
        }));
        return command;
    }

    private static string Round(double micros) => double.IsNaN(micros) ? "-" : micros.ToString("0.000", CultureInfo.InvariantCulture);
}

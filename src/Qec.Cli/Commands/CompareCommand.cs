using System.CommandLine;
using System.Globalization;
using Qec.Cli.Compare;
using Qec.Core.Decoding;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd compare (--gen SPEC | --dems GLOB… | --circuits GLOB… [--name-pattern P] [--metadata K=V…] [--sidecars]) --decoders mwpm,uf,bposd:osd_order=0 --max-shots N [--max-errors E]
/// [--threads T] [--shard i/N] [--seed S] --out stats.csv</c>: a Monte Carlo sweep of models × decoders
/// that appends sinter CSV rows and resumes from the rows already in the file (see <see cref="SweepEngine"/>).
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the <c>compare</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var gen = new Option<string[]>("--gen")
        {
            Description = "generated models, e.g. surface:phenomenological:d=3,5,7:p=0.01..0.05/9:r=d (repeatable; see README)",
            AllowMultipleArgumentsPerToken = false,
        };
        var dems = new Option<string[]>("--dems")
        {
            Description = "DEM files or globs (* and ? in the file name), e.g. 'dems/sc_rmz_*.dem'",
            AllowMultipleArgumentsPerToken = true,
        };
        var circuits = new Option<string[]>("--circuits", "--circuit")
        {
            Description = "Stim circuits or globs, each analyzed once into its decomposed DEM (instead of --dems; same file-name metadata)",
            AllowMultipleArgumentsPerToken = true,
        };
        var namePattern = new Option<string?>("--name-pattern")
        {
            Description = "read metadata from --dems file names, e.g. '{family}_d{d}_r{r}_p{p}' ({key} becomes a metadata key, r is rounds, * skips)",
        };
        var metadata = new Option<string[]>("--metadata")
        {
            Description = "key=value added to the metadata of every --dems file (repeatable; changes the tasks' strong ids)",
            AllowMultipleArgumentsPerToken = false,
        };
        var sidecars = new Option<bool>("--sidecars") { Description = "merge NAME.json (a flat JSON object) next to each --dems NAME.dem into its metadata" };
        var decoders = new Option<string>("--decoders")
        {
            Description = $"comma-separated decoders, each NAME or NAME:KEY=VALUE:... with options (device= is not part of the task's identity): {string.Join(", ", registry.Names)}",
            DefaultValueFactory = _ => "mwpm",
        };
        var maxShots = new Option<long>("--max-shots") { Description = "shot budget per task", Required = true };
        var maxErrors = new Option<long?>("--max-errors") { Description = "error budget per task (a task stops after the batch that reaches it)" };
        var threads = new Option<int>("--threads") { Description = "batches decoded in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string>("--shard") { Description = "run only shard i of N (i/N, i from 0): batches b with b mod N = i", DefaultValueFactory = _ => "0/1" };
        var seed = new Option<ulong>("--seed") { Description = "salt mixed into every batch seed (shards of one sweep must share it)", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out", "-o") { Description = "sinter CSV to append to (resumes from its rows)", Required = true };
        var command = new Command("compare", "sample, decode and count logical errors over models × decoders into a sinter CSV")
        {
            gen, dems, circuits, namePattern, metadata, sidecars, decoders, maxShots, maxErrors, threads, shard, seed, output,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            var options = new SweepOptions(
                new SweepBudget(parse.GetValue(maxShots), parse.GetValue(maxErrors)),
                ShardSpec.Parse(parse.GetValue(shard)!),
                parse.GetValue(threads),
                parse.GetValue(seed));
            var engine = new SweepEngine(options);
            var factories = SweepSources.Decoders(registry, parse.GetValue(decoders)!);
            var demMetadata = DemMetadataOptions.Parse(parse.GetValue(namePattern), parse.GetValue(metadata), parse.GetValue(sidecars));
            var models = SweepSources.Models(parse.GetValue(gen), parse.GetValue(dems), demMetadata, parse.GetValue(circuits), console.Error);
            var tasks = SweepSources.Tasks(models, factories, options.Budget.BatchShots);
            string path = parse.GetValue(output)!.FullName;
            using var csv = SinterCsvAppender.Open(path, warning => console.Error.WriteLine($"qecd: warning: {warning}"));
            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // First Ctrl+C: finish the round in flight, write its row, stop. A second one kills.
                if (!interrupt.IsCancellationRequested)
                {
                    e.Cancel = true;
                    interrupt.Cancel();
                }
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var result = SweepProgress.Run(console.Error, observer => engine.Run(tasks, csv, observer, interrupt.Token));
                PrintSummary(console.Out, result, path);
                return result.Cancelled ? 130 : 0;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    private static void PrintSummary(TextWriter output, SweepResult result, string path)
    {
        output.WriteLine($"| task | shots | errors | rate (95% Wilson) | core-s |");
        output.WriteLine($"|---|---|---|---|---|");
        for (int i = 0; i < result.Tasks.Count; i++)
        {
            var t = result.Totals[i];
            var rate = BinomialInterval.Wilson(t.Errors, t.Shots);
            string text = t.Shots == 0 ? "-" : string.Create(CultureInfo.InvariantCulture,
                $"{rate.Estimate:0.000e+00} [{rate.Low:0.00e+00}, {rate.High:0.00e+00}]");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Tasks[i].Label} | {t.Shots} | {t.Errors} | {text} | {t.Seconds:F2} |"));
        }
        output.WriteLine(result.Cancelled
            ? $"interrupted: rows so far are in {path}; run the same command again to resume"
            : $"done: {result.Tasks.Count} tasks in {path}");
    }
}

using System.CommandLine;
using Qec.Cli.Compare;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd combine a.csv b.csv … [--out all.csv]</c>: merges sinter CSVs (e.g. the shards of a sweep),
/// one row per strong id with shots, errors, discards and seconds summed, as <c>sinter combine</c>.
/// </summary>
public static class CombineCommand
{
    /// <summary>Builds the <c>combine</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "sinter CSV files to merge", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "output CSV (standard output when absent)" };
        var command = new Command("combine", "merge sinter CSV files, summing rows with the same strong_id") { files, output };
        command.SetAction(parse => console.Guard(() =>
        {
            var rows = new List<StatsRow>();
            foreach (var file in parse.GetValue(files)!)
            {
                rows.AddRange(SinterCsv.ReadFile(file.FullName, warning => console.Error.WriteLine($"qecd: warning: {warning}")));
            }
            var combined = StatsCombiner.Combine(rows);
            if (parse.GetValue(output) is { } outFile)
            {
                using var writer = new StreamWriter(outFile.FullName) { NewLine = "\n" };
                Write(writer, combined);
            }
            else
            {
                Write(console.Out, combined);
            }
            console.Error.WriteLine($"combined {rows.Count} rows into {combined.Count} tasks");
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter writer, List<StatsRow> rows)
    {
        writer.Write(SinterCsv.Header + "\n");
        foreach (var row in rows)
        {
            writer.Write(SinterCsv.FormatRow(row) + "\n");
        }
    }
}

using System.CommandLine;
using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;
using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd dem info F</c>: counts of a detector error model and whether it is graph-like;
/// <c>qecd dem from-circuit X.stim [--decompose-errors] [--fold-loops] --out X.dem</c>: Stim's <c>analyze_errors</c> (same bytes).
/// </summary>
public static class DemCommand
{
    /// <summary>Builds the <c>dem</c> command group.</summary>
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "detector error model (.dem, Stim format)" };
        var info = new Command("info", "print detector, observable and error counts and whether the model is graph-like") { file };
        info.SetAction(parse => console.Guard(() =>
        {
            var model = CliConsole.LoadModel(parse.GetValue(file)!);
            PrintInfo(console.Out, model);
            return 0;
        }));
        return new Command("dem", "inspect detector error models") { info, CreateFromCircuit(console) };
    }

    private static Command CreateFromCircuit(CliConsole console)
    {
        var circuit = new Argument<FileInfo>("circuit") { Description = "Stim circuit (.stim)" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "detector error model to write (Stim's text, as stim analyze_errors)", Required = true };
        var decompose = new Option<bool>("--decompose-errors") { Description = "split errors into graph-like pieces joined by ^ (stim --decompose_errors; for matching)" };
        var fold = new Option<bool>("--fold-loops") { Description = "keep periodic REPEAT blocks as repeat blocks (stim --fold_loops; 10^6 rounds in a moment)" };
        var command = new Command("from-circuit", "turn a Stim circuit into its detector error model (stim analyze_errors)") { circuit, output, decompose, fold };
        command.SetAction(parse => console.Guard(() =>
        {
            var file = parse.GetValue(circuit)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException($"no such circuit file: {file.FullName}");
            }
            var model = ErrorAnalyzer.Analyze(Circuit.Load(file.FullName), parse.GetValue(decompose), parse.GetValue(fold));
            string path = parse.GetValue(output)!.FullName;
            // Straight to the file: a d = 17 model's text is 5 MB, which as one string would be built, copied and encoded.
            using (var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" })
            {
                StimDemWriter.Write(model, writer);
            }
            console.Out.WriteLine($"wrote {path}: {model.NumDetectors} detectors, {model.NumObservables} observables, {model.NumErrors} errors");
            return 0;
        }));
        return command;
    }

    /// <summary>Writes the info table; a model too big to flatten is still counted.</summary>
    public static void PrintInfo(TextWriter output, DetectorErrorModel model)
    {
        var counts = model.Counts;
        output.WriteLine($"detectors:   {counts.NumDetectors}");
        output.WriteLine($"observables: {counts.NumObservables}");
        output.WriteLine($"errors:      {counts.NumErrors}");
        output.WriteLine($"repeat blocks: {(model.Instructions.Any(i => i is DemRepeat) ? "yes" : "no")}");
        if (counts.NumErrors > 20_000_000)
        {
            output.WriteLine("graph-like:  not checked (model too large to flatten)");
            return;
        }
        var flat = model.Flatten();
        bool graphLike = MatchingGraph.IsGraphLike(flat);
        output.WriteLine($"graph-like:  {(graphLike ? "yes" : "no (an error component flips more than 2 detectors)")}");
        if (graphLike)
        {
            var graph = MatchingGraph.From(flat);
            int boundary = 0;
            foreach (var e in graph.Edges)
            {
                boundary += e.IsBoundary ? 1 : 0;
            }
            output.WriteLine($"matching graph: {graph.Edges.Length} edges ({boundary} to the boundary)");
        }
    }
}

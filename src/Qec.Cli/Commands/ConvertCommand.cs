using System.CommandLine;
using Qec.Core.Formats;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd convert --in F --in-format b8 --out F --out-format 01 (--dem F [--types D|L|DL] | --bits N)</c>:
/// converts shot files between Stim's sample formats; the shot size comes from the model.
/// </summary>
public static class ConvertCommand
{
    /// <summary>Builds the <c>convert</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var input = new Option<FileInfo>("--in") { Description = "input shot file", Required = true };
        var inFormat = SampleCommand.FormatOption("--in-format", "01");
        var output = new Option<FileInfo>("--out") { Description = "output shot file", Required = true };
        var outFormat = SampleCommand.FormatOption("--out-format", "b8");
        var dem = new Option<FileInfo?>("--dem") { Description = "detector error model giving the detector and observable counts" };
        var types = new Option<string>("--types") { Description = "what each shot holds: D (detectors), L (observables) or DL (both)", DefaultValueFactory = _ => "D" };
        types.AcceptOnlyFromAmong("D", "L", "DL");
        var bits = new Option<int?>("--bits") { Description = "bits per shot, instead of --dem" };
        var command = new Command("convert", "convert shot files between sample formats (01, b8, r8, dets, hits, ptb64)")
        {
            input, inFormat, output, outFormat, dem, types, bits,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            var layout = Layout(parse.GetValue(dem), parse.GetValue(types)!, parse.GetValue(bits));
            var source = parse.GetValue(input)!;
            if (!source.Exists)
            {
                throw new FileNotFoundException($"no such input file: {source.FullName}");
            }
            long shots = SampleConverter.ConvertFile(source.FullName, SampleFormats.Parse(parse.GetValue(inFormat)!),
                parse.GetValue(output)!.FullName, SampleFormats.Parse(parse.GetValue(outFormat)!), layout);
            console.Error.WriteLine($"converted {shots} shots of {layout}");
            return 0;
        }));
        return command;
    }

    private static ShotLayout Layout(FileInfo? dem, string types, int? bits)
    {
        if (dem is null == bits is null)
        {
            throw new ArgumentException("give exactly one of --dem (with --types) or --bits");
        }
        if (bits is { } n)
        {
            return n >= 0 ? ShotLayout.Detectors(n) : throw new ArgumentException($"--bits must be non-negative, found {n}");
        }
        var counts = CliConsole.LoadModel(dem!).Counts;
        int detectors = checked((int)counts.NumDetectors), observables = checked((int)counts.NumObservables);
        return types switch
        {
            "D" => ShotLayout.Detectors(detectors),
            "L" => ShotLayout.Observables(observables),
            _ => new ShotLayout(detectors, observables),
        };
    }
}

using System.CommandLine;
using Qec.Core.Formats;
using Qec.Core.Sampling;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd sample --dem F --shots N --seed S --out F --out-format b8 [--obs-out F --obs-out-format 01]</c>:
/// samples detection events (and observable flips) from a detector error model, streaming to disk.
/// </summary>
public static class SampleCommand
{
    /// <summary>Builds the <c>sample</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var dem = new Option<FileInfo>("--dem") { Description = "detector error model (.dem)", Required = true };
        var shots = new Option<long>("--shots") { Description = "number of shots", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "random seed (same seed, same bytes)", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "detection events output file", Required = true };
        var outFormat = FormatOption("--out-format", "b8");
        var obsOut = new Option<FileInfo?>("--obs-out") { Description = "observable flips output file (optional)" };
        var obsFormat = FormatOption("--obs-out-format", "01");
        var command = new Command("sample", "sample detection events and observable flips from a detector error model")
        {
            dem, shots, seed, output, outFormat, obsOut, obsFormat,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            long count = parse.GetValue(shots);
            if (count < 0)
            {
                throw new ArgumentException($"--shots must be non-negative, found {count}");
            }
            var model = CliConsole.LoadModel(parse.GetValue(dem)!);
            var sampler = new DemSampler(model);
            using var detWriter = SampleWriter.Create(parse.GetValue(output)!.FullName,
                SampleFormats.Parse(parse.GetValue(outFormat)!), ShotLayout.Detectors(sampler.NumDetectors));
            using var obsWriter = parse.GetValue(obsOut) is { } obsFile
                ? SampleWriter.Create(obsFile.FullName, SampleFormats.Parse(parse.GetValue(obsFormat)!), ShotLayout.Observables(sampler.NumObservables))
                : null;
            CliProgress.Run("sampling", count, report =>
            {
                long done = 0;
                sampler.SampleBatches(count, parse.GetValue(seed), (dets, obs, n) =>
                {
                    for (int s = 0; s < n; s++)
                    {
                        detWriter.WriteShot(dets.Slice(s * sampler.DetectorBytesPerShot, sampler.DetectorBytesPerShot));
                        obsWriter?.WriteShot(obs.Slice(s * sampler.ObservableBytesPerShot, sampler.ObservableBytesPerShot));
                    }
                    report(done += n);
                });
            });
            detWriter.Flush();
            obsWriter?.Flush();
            console.Error.WriteLine($"sampled {count} shots: {sampler.NumDetectors} detectors, {sampler.NumObservables} observables");
            return 0;
        }));
        return command;
    }

    /// <summary>A sample-format option validated against the format table, listing the names in its help.</summary>
    public static Option<string> FormatOption(string name, string fallback)
    {
        var option = new Option<string>(name)
        {
            Description = $"sample format: {SampleFormats.KnownNames}",
            DefaultValueFactory = _ => fallback,
        };
        option.Validators.Add(result =>
        {
            if (!SampleFormats.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"{name}: unknown sample format '{result.GetValueOrDefault<string>()}': known formats are {SampleFormats.KnownNames}");
            }
        });
        return option;
    }
}

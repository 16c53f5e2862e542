using System.CommandLine;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Core.Formats;
using Qec.Core.Sampling;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd sample --dem F --shots N --seed S --out F --out-format b8 [--obs-out F --obs-out-format 01]</c>:
/// samples detection events (and observable flips) from a detector error model, streaming to disk;
/// <c>--circuit X.stim</c> instead of <c>--dem</c> samples the circuit by Pauli-frame simulation (as <c>stim detect</c>),
/// on <c>--threads</c> cores (default all; the bytes do not depend on it).
/// </summary>
public static class SampleCommand
{
    /// <summary>Builds the <c>sample</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var dem = new Option<FileInfo?>("--dem") { Description = "detector error model (.dem)" };
        var circuit = new Option<FileInfo?>("--circuit") { Description = "Stim circuit (.stim), sampled by frame simulation (instead of --dem)" };
        var shots = new Option<long>("--shots") { Description = "number of shots", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "random seed (same seed, same bytes)", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "detection events output file", Required = true };
        var outFormat = FormatOption("--out-format", "b8");
        var obsOut = new Option<FileInfo?>("--obs-out") { Description = "observable flips output file (optional)" };
        var obsFormat = FormatOption("--obs-out-format", "01");
        var threads = new Option<int>("--threads")
        {
            Description = "circuit sampling: batches simulated at once (same bytes for any value) [default: all cores]",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("sample", "sample detection events and observable flips from a detector error model or a Stim circuit")
        {
            dem, circuit, shots, seed, output, outFormat, obsOut, obsFormat, threads,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            long count = parse.GetValue(shots);
            if (count < 0)
            {
                throw new ArgumentException($"--shots must be non-negative, found {count}");
            }
            if ((parse.GetValue(dem) is null) == (parse.GetValue(circuit) is null))
            {
                throw new ArgumentException("give exactly one of --dem and --circuit");
            }
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1)
            {
                throw new ArgumentException($"--threads must be at least 1, found {threadCount}");
            }
            if (parse.GetValue(dem) is not null && parse.GetResult(threads) is { Implicit: false } && threadCount != 1)
            {
                throw new ArgumentException("--threads applies to --circuit sampling; the DEM sampler is one stream on one thread");
            }
            var sampler = parse.GetValue(circuit) is { } circuitFile
                ? ShotSource.Of(new CircuitSampler(Circuit.Load(circuitFile.FullName)), threadCount)
                : ShotSource.Of(new DemSampler(CliConsole.LoadModel(parse.GetValue(dem)!)));
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
                    detWriter.WriteShots(dets, n);
                    obsWriter?.WriteShots(obs, n);
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

    /// <summary>What the command needs of either sampler: sizes and a batch loop.</summary>
    private sealed record ShotSource(int NumDetectors, int NumObservables, int DetectorBytesPerShot, int ObservableBytesPerShot,
        Action<long, ulong, DemSampleBatchHandler> SampleBatches)
    {
        public static ShotSource Of(DemSampler s) =>
            new(s.NumDetectors, s.NumObservables, s.DetectorBytesPerShot, s.ObservableBytesPerShot, (n, seed, h) => s.SampleBatches(n, seed, h));

        public static ShotSource Of(CircuitSampler s, int threads) =>
            new(s.NumDetectors, s.NumObservables, s.DetectorBytesPerShot, s.ObservableBytesPerShot, (n, seed, h) => s.SampleBatches(n, seed, h, threads));
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

using System.CommandLine;
using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Core.Formats;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd decode (--dem F | --circuit F.stim) --in F --in-format b8 --decoder mwpm --out F [--obs-in F --obs-in-format 01] [--threads T]</c>:
/// decodes a shot file offline; prints shots, logical errors (when the true flips are given) and µs per shot.
/// </summary>
public static class DecodeCommand
{
    /// <summary>Builds the <c>decode</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var dem = new Option<FileInfo?>("--dem") { Description = "detector error model (.dem)" };
        var circuit = new Option<FileInfo?>("--circuit") { Description = "Stim circuit (.stim), analyzed into its decomposed detector error model (instead of --dem)" };
        var input = new Option<FileInfo>("--in") { Description = "detection events file", Required = true };
        var inFormat = SampleCommand.FormatOption("--in-format", "b8");
        var decoder = new Option<string>("--decoder") { Description = $"decoder: {string.Join(", ", registry.Names)}", DefaultValueFactory = _ => "mwpm" };
        var output = new Option<FileInfo?>("--out") { Description = "predicted observable flips output file" };
        var outFormat = SampleCommand.FormatOption("--out-format", "01");
        var obsIn = new Option<FileInfo?>("--obs-in") { Description = "true observable flips, to count logical errors" };
        var obsFormat = SampleCommand.FormatOption("--obs-in-format", "01");
        var threads = new Option<int>("--threads") { Description = "decoding threads", DefaultValueFactory = _ => 1 };
        var options = new Option<string[]>("--option") { Description = "decoder option key=value (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("decode", "decode a file of detection events and count logical errors")
        {
            dem, circuit, input, inFormat, decoder, output, outFormat, obsIn, obsFormat, threads, options,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1)
            {
                throw new ArgumentException($"--threads must be at least 1, found {threadCount}");
            }
            var model = ModelArguments.Load(parse.GetValue(dem), parse.GetValue(circuit), console.Error);
            var compiled = registry.Get(parse.GetValue(decoder)!).Compile(model, DecoderOptions.Parse(parse.GetValue(options) ?? []));
            var detections = ReadAll(parse.GetValue(input)!, SampleFormats.Parse(parse.GetValue(inFormat)!), ShotLayout.Detectors(compiled.NumDetectors), out int shots);
            var obsLayout = ShotLayout.Observables(compiled.NumObservables);
            var predictions = new byte[shots * obsLayout.BytesPerShot];

            var clock = Stopwatch.StartNew();
            BatchDecoding.DecodeAll(compiled, detections, predictions, shots, threadCount);
            double microsPerShot = shots == 0 ? 0 : clock.Elapsed.TotalMicroseconds / shots;

            if (parse.GetValue(output) is { } outFile)
            {
                using var writer = SampleWriter.Create(outFile.FullName, SampleFormats.Parse(parse.GetValue(outFormat)!), obsLayout);
                for (int s = 0; s < shots; s++)
                {
                    writer.WriteShot(predictions.AsSpan(s * obsLayout.BytesPerShot, obsLayout.BytesPerShot));
                }
            }
            console.Out.WriteLine($"decoder: {compiled.Name}");
            console.Out.WriteLine($"shots: {shots}");
            if (parse.GetValue(obsIn) is { } truthFile)
            {
                var truth = ReadAll(truthFile, SampleFormats.Parse(parse.GetValue(obsFormat)!), obsLayout, out int truthShots);
                if (truthShots != shots)
                {
                    throw new InvalidDataException($"{truthFile.FullName} has {truthShots} shots but {parse.GetValue(input)!.FullName} has {shots}");
                }
                long errors = CountMismatches(predictions, truth, obsLayout.BytesPerShot);
                console.Out.WriteLine($"logical errors: {errors}");
                console.Out.WriteLine($"logical error rate: {(shots == 0 ? 0 : (double)errors / shots):G6}");
            }
            console.Out.WriteLine($"us per shot: {microsPerShot:F3} ({threadCount} thread{(threadCount == 1 ? "" : "s")})");
            return 0;
        }));
        return command;
    }

    /// <summary>Reads a whole shot file into packed b8 shots.</summary>
    public static byte[] ReadAll(FileInfo file, SampleFormat format, ShotLayout layout, out int shots)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"no such shot file: {file.FullName}");
        }
        using var reader = SampleReader.Open(file.FullName, format, layout);
        var buffer = new MemoryStream();
        var shot = new byte[Math.Max(1, layout.BytesPerShot)];
        shots = 0;
        while (reader.TryReadShot(shot))
        {
            buffer.Write(shot, 0, layout.BytesPerShot);
            shots++;
        }
        return buffer.ToArray();
    }

    /// <summary>Number of shots whose packed predictions differ from the truth in any observable.</summary>
    public static long CountMismatches(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, int bytesPerShot)
    {
        long errors = 0;
        for (int offset = 0; offset < predicted.Length; offset += bytesPerShot)
        {
            errors += predicted.Slice(offset, bytesPerShot).SequenceEqual(truth.Slice(offset, bytesPerShot)) ? 0 : 1;
        }
        return errors;
    }
}

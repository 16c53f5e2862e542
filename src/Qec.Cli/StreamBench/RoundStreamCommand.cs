using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Matching;

namespace Qec.Cli.StreamBench;

/// <summary>
/// <c>qecd bench stream --rounds N …</c>: for each N, the model resized to N rounds, shots sampled and
/// decoded round by round in this process (<see cref="RoundStreamRun"/>), one table row each; the
/// backlog of the longest experiment plotted.
/// </summary>
public static class RoundStreamCommand
{
    /// <summary>Shots per experiment when not given: about a million rounds in all, between 1 and 1000 shots.</summary>
    public static int DefaultShots(int rounds) => Math.Clamp(1_000_000 / Math.Max(1, rounds), 1, 1000);

    /// <summary>Runs the measurements and writes the report; returns the exit code.</summary>
    public static int Run(CliConsole console, string modelName, DetectorErrorModel model, IReadOnlyList<int> roundCounts, string decoder,
        DecoderOptions options, int? shots, ulong seed, double periodMicros, FileInfo? csv, FileInfo? png, bool paced = false)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (shots is < 1)
        {
            throw new ArgumentException($"--shots must be at least 1, found {shots}");
        }
        if (!(periodMicros > 0))
        {
            throw new ArgumentException($"--round-us must be positive, found {periodMicros}");
        }
        foreach (int n in roundCounts)
        {
            if (n < 1)
            {
                throw new ArgumentException($"--rounds must be at least 1, found {n}");
            }
        }
        var registry = AllDecoders.Create();
        int perRound = options.GetInt(StreamingOptions.DetectorsPerRoundKey, 0);
        console.Out.WriteLine($"# streaming {decoder} on {modelName}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, threads={Threads(decoder, options)}, .NET {Environment.Version}, " +
                              $"a round every {periodMicros} µs{(paced ? " (pushes paced)" : "")}, seed {seed}{(options.Values.Count > 0 ? ", options " + options : "")}");
        var results = new List<RoundStreamResult>();
        foreach (int n in roundCounts)
        {
            var sized = StreamingModels.WithRounds(model, n, perRound);
            var settings = new RoundStreamSettings(decoder, options, shots ?? DefaultShots(n), seed, periodMicros, Paced: paced);
            results.Add(RoundStreamRun.Measure(registry, sized, settings));
        }
        RoundStreamReport.Print(console.Out, results);
        if (csv is not null)
        {
            RoundStreamReport.AppendCsv(csv, modelName, decoder, periodMicros, results);
        }
        // The backlog plot is part of the report: without --png it goes to the working directory.
        var longest = results.MaxBy(r => r.Rounds)!;
        png ??= new FileInfo($"stream_backlog_r{longest.Rounds}.png");
        RoundStreamReport.SaveBacklogPlot(png, $"backlog, streaming {decoder} on {modelName}, {longest.Rounds} rounds, W = {longest.Window}, C = {longest.Commit}", longest, periodMicros);
        console.Out.WriteLine($"backlog plot: {png.FullName}");
        return 0;
    }

    /// <summary>Decoding threads per stream as the streaming decoder reads them (the <c>threads</c> option, default 1 = sequential window).</summary>
    private static string Threads(string decoder, DecoderOptions options) =>
        Qec.Matching.Streaming.SlidingWindowCompiledDecoder.Supports(decoder)
            ? options.GetInt(Qec.Matching.Streaming.SlidingWindowCompiledDecoder.ThreadsKey, Qec.Matching.Streaming.SlidingWindowCompiledDecoder.DefaultThreads).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "1";
}

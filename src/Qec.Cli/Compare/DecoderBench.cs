using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Qec.Core.Decoding;
using Qec.Core.Sampling;

namespace Qec.Cli.Compare;

/// <summary>Timing of one decoder on one model.</summary>
/// <param name="Decoder">Decoder name.</param>
/// <param name="Code">Label of the model (family, noise, d, p, rounds or file name).</param>
/// <param name="Metadata">The model's metadata.</param>
/// <param name="Detectors">Detectors per shot.</param>
/// <param name="Shots">Shots decoded per timed pass.</param>
/// <param name="EventsPerShot">Mean detection events per shot.</param>
/// <param name="Errors">Logical errors in the (untimed) warm-up decoding of the same shots.</param>
/// <param name="Threads">Threads of the multi-threaded passes.</param>
/// <param name="MicrosPerShotOneThread">Median µs per shot, one thread.</param>
/// <param name="MicrosPerShotAllThreads">Median wall µs per shot with <paramref name="Threads"/> threads.</param>
public sealed record DecoderBenchRow(string Decoder, string Code, TaskMetadata Metadata, int Detectors, int Shots, double EventsPerShot,
    long Errors, int Threads, double MicrosPerShotOneThread, double MicrosPerShotAllThreads)
{
    /// <summary>Rounds from the metadata, or null.</summary>
    public double? Rounds => Metadata.TryGetNumber("rounds", out double r) ? r : null;

    /// <summary>µs per round on one thread (NaN when rounds are unknown).</summary>
    public double MicrosPerRoundOneThread => MicrosPerShotOneThread / (Rounds ?? double.NaN);

    /// <summary>µs per round with all threads (NaN when rounds are unknown).</summary>
    public double MicrosPerRoundAllThreads => MicrosPerShotAllThreads / (Rounds ?? double.NaN);
}

/// <summary>
/// Decoder timing from memory, as BENCHMARKING.md asks: shots are sampled once (fixed seed) and kept
/// in memory; untimed passes for a second warm up the JIT (tiered compilation promotes hot code only
/// after ~100 ms) and the caches, and count logical errors as a sanity check; then <c>repeats</c> timed
/// passes on one thread and <c>repeats</c> on all threads; the median pass is reported. Sampling is
/// not timed. A decoder that prefers batches (a GPU path) decodes each pass as one batch
/// (<see cref="BatchDecoding.DecodeAll"/>), so both of its columns time that batch.
/// </summary>
public static class DecoderBench
{
    /// <summary>CSV header of <see cref="FormatCsv"/>.</summary>
    public const string CsvHeader =
        "decoder,code,d,rounds,p,detectors,shots,events_per_shot,errors,threads,us_per_shot_1t,us_per_round_1t,us_per_shot_nt,us_per_round_nt,speedup";

    /// <summary>Times every decoder on the model (same shots for all).</summary>
    public static IEnumerable<DecoderBenchRow> Run(CodeCase code, IReadOnlyList<DecoderSpec> decoders, int shots, int repeats, int threads, ulong seed)
    {
        var sampler = new DemSampler(code.Model);
        var (dets, obs) = sampler.Sample(shots, seed);
        double events = CountEvents(dets) / (double)shots;
        var predicted = new byte[obs.Length];
        int ob = sampler.ObservableBytesPerShot;
        foreach (var decoder in decoders)
        {
            var compiled = decoder.Compile(code.Model);
            WarmUp(compiled, dets, predicted, shots, threads);
            long errors = 0;
            for (int s = 0; s < shots; s++)
            {
                errors += predicted.AsSpan(s * ob, ob).SequenceEqual(obs.AsSpan(s * ob, ob)) ? 0 : 1;
            }
            double one = MedianMicros(compiled, dets, predicted, shots, 1, repeats);
            double all = threads == 1 ? one : MedianMicros(compiled, dets, predicted, shots, threads, repeats);
            yield return new DecoderBenchRow(decoder.Text, Describe(code.Metadata), code.Metadata, sampler.NumDetectors, shots, events,
                errors, threads, one, all);
        }
    }

    /// <summary>"surface phenomenological d=5 r=5 p=0.001" or the file name.</summary>
    public static string Describe(TaskMetadata metadata)
    {
        string label = SweepTask.DescribeTask("", metadata).Trim();
        return label.Length > 0 ? label : "(model)";
    }

    /// <summary>One CSV line (no newline).</summary>
    public static string FormatCsv(DecoderBenchRow row) => string.Join(",",
        row.Decoder, Quote(row.Code), row.Metadata.GetText("d") ?? "", row.Metadata.GetText("rounds") ?? "", row.Metadata.GetText("p") ?? "",
        Num(row.Detectors), Num(row.Shots), Num(row.EventsPerShot), Num(row.Errors), Num(row.Threads),
        Num(row.MicrosPerShotOneThread), Num(row.MicrosPerRoundOneThread), Num(row.MicrosPerShotAllThreads), Num(row.MicrosPerRoundAllThreads),
        Num(row.MicrosPerShotOneThread / row.MicrosPerShotAllThreads));

    /// <summary>Warm-up time: .NET recompiles hot methods at tier 1 only after ~100 ms of tier-0 running, in the background.</summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);

    /// <summary>Decodes untimed until at least <see cref="WarmUpTime"/> has passed (and at least two passes), then once on all threads.</summary>
    private static void WarmUp(ICompiledDecoder compiled, byte[] dets, byte[] predicted, int shots, int threads)
    {
        var clock = Stopwatch.StartNew();
        for (int pass = 0; pass < 2 || clock.Elapsed < WarmUpTime; pass++)
        {
            BatchDecoding.DecodeAll(compiled, dets, predicted, shots, 1);
        }
        if (threads > 1)
        {
            BatchDecoding.DecodeAll(compiled, dets, predicted, shots, threads);
        }
        // The single-thread pass ran last: its predictions are the ones counted below.
        BatchDecoding.DecodeAll(compiled, dets, predicted, shots, 1);
    }

    private static double MedianMicros(ICompiledDecoder compiled, byte[] dets, byte[] predicted, int shots, int threads, int repeats)
    {
        var times = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            BatchDecoding.DecodeAll(compiled, dets, predicted, shots, threads);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / shots;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2;
    }

    private static long CountEvents(byte[] dets)
    {
        long count = 0;
        foreach (byte b in dets)
        {
            count += BitOperations.PopCount(b);
        }
        return count;
    }

    private static string Num(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Quote(string text) => text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

using System.Globalization;
using Qec.BeliefPropagation;
using Qec.Core.Decoding;

namespace Qec.Bench;

/// <summary>
/// <c>bp-reference [decoders…]</c>: every bivariate-bicycle reference file decoded by each BP decoder on
/// one thread, all 10,000 shots after half a second of warm-up on them (tier-1 JIT): logical errors and µs per shot next to ldpc's,
/// shot by shot (the latency path) and as one batch (<see cref="IDecoder.DecodeBatch"/>: four shots per vector on the CPU).
/// A table for bench/RESULTS.md; BenchmarkDotNet's <see cref="BeliefPropagationBenchmarks"/> times the same.
/// </summary>
internal static class BpReferenceRun
{
    public static void Run(string[] args)
    {
        var registry = BeliefPropagationDecoders.Register(new DecoderRegistry());
        var names = args.Length > 0 ? args : ["bp", "bposd", "relaybp"];
        Console.WriteLine($"# BP family on ../shared/reference/bp, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, one thread, .NET {Environment.Version}");
        Console.WriteLine("| code | p | decoder | errors | ldpc BP | ldpc BP+OSD-CS7 | not converged | mean iterations | µs/shot | batch µs/shot | ldpc BP µs | ldpc OSD µs | ÷ ldpc ¹ | batch ÷ ldpc ¹ |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var ((code, p), ldpc) in BbReference.Ldpc)
        {
            var model = BbReference.Model(code, p);
            foreach (string name in names)
            {
                var decoder = registry.Get(name).Compile(model, DecoderOptions.Empty).CreateDecoder();
                var (dets, obs) = BbReference.Shots(code, p, decoder.NumDetectors, decoder.NumObservables);
                var tally = ShotTally.DecodeWarm(decoder, dets, obs, dets.Length / decoder.DetectorBytes, TimeSpan.FromSeconds(0.5));
                double batch = BatchMicrosPerShot(decoder, dets);
                double peer = name == "bp" ? ldpc.BpMicros : ldpc.OsdMicros;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {code} | {p} | {name} | {tally.Errors} | {ldpc.BpErrors} | {ldpc.OsdErrors} | {tally.NotConverged} | {tally.MeanIterations:0.00} | {tally.MicrosPerShot:0.00} | {batch:0.00} | {ldpc.BpMicros:0.00} | {ldpc.OsdMicros:0.00} | {tally.MicrosPerShot / peer:0.00} | {batch / peer:0.00} |"));
            }
        }
        Console.WriteLine("¹ our µs/shot ÷ ldpc's: bp against ldpc's BP, bposd and relaybp against ldpc's BP+OSD-CS7 (ldpc measured on a quiet machine of this kind).");
    }

    /// <summary>µs per shot of the whole file as one batch call on this thread (after half a second of batches of 64 of its shots).</summary>
    private static double BatchMicrosPerShot(IDecoder decoder, byte[] dets)
    {
        int shots = dets.Length / decoder.DetectorBytes, db = decoder.DetectorBytes, ob = decoder.ObservableBytes;
        var predicted = new byte[shots * decoder.ObservableBytes];
        ShotTally.WarmUp(shots, TimeSpan.FromSeconds(0.5),
            (first, count) => decoder.DecodeBatch(dets.AsSpan(first * db, count * db), predicted.AsSpan(first * ob, count * ob), count));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        decoder.DecodeBatch(dets, predicted, shots);
        return clock.Elapsed.TotalMicroseconds / shots;
    }
}

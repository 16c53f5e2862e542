using System.Diagnostics;
using System.Globalization;
using Qec.BeliefPropagation;
using Qec.BeliefPropagation.Decoders;
using Qec.Core.Decoding;

namespace Qec.Bench;

/// <summary>
/// <c>bp-reference [decoders…]</c>: every bivariate-bicycle reference file decoded by each BP decoder on
/// one thread, all 10,000 shots after one warm-up pass: logical errors and µs per shot next to ldpc's.
/// A table for bench/RESULTS.md; BenchmarkDotNet's <see cref="BeliefPropagationBenchmarks"/> times the same.
/// </summary>
internal static class BpReferenceRun
{
    public static void Run(string[] args)
    {
        var registry = BeliefPropagationDecoders.Register(new DecoderRegistry());
        var names = args.Length > 0 ? args : ["bp", "bposd", "relaybp"];
        Console.WriteLine($"# BP family on ../shared/reference/bp, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, one thread, .NET {Environment.Version}");
        Console.WriteLine("| code | p | decoder | errors | ldpc BP | ldpc BP+OSD-CS7 | not converged | mean iterations | µs/shot | batch µs/shot | ldpc BP µs | ldpc OSD µs |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var ((code, p), ldpc) in BbReference.Ldpc)
        {
            var model = BbReference.Model(code, p);
            foreach (string name in names)
            {
                var decoder = registry.Get(name).Compile(model, DecoderOptions.Empty).CreateDecoder();
                var (dets, obs) = BbReference.Shots(code, p, decoder.NumObservables);
                int db = decoder.DetectorBytes, ob = decoder.ObservableBytes, shots = dets.Length / db;
                var flips = new byte[ob];
                DecodeAll(decoder, dets, obs, flips, shots);
                var clock = Stopwatch.StartNew();
                int errors = DecodeAll(decoder, dets, obs, flips, shots);
                double micros = clock.Elapsed.TotalMicroseconds / shots;
                var predicted = new byte[shots * ob];
                decoder.DecodeBatch(dets, predicted, shots);
                clock.Restart();
                decoder.DecodeBatch(dets, predicted, shots);
                double batchMicros = clock.Elapsed.TotalMicroseconds / shots;
                var (notConverged, iterations) = Convergence((BpDecoder)decoder, dets, flips, shots);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {code} | {p} | {name} | {errors} | {ldpc.BpErrors} | {ldpc.OsdErrors} | {notConverged} | {iterations:0.00} | {micros:0.00} | {batchMicros:0.00} | {ldpc.BpMicros:0.00} | {ldpc.OsdMicros:0.00} |"));
            }
        }
    }

    /// <summary>Shots where BP (bp, bposd) or every Relay leg (relaybp) ended unconverged, and the mean BP iterations.</summary>
    private static (int NotConverged, double MeanIterations) Convergence(BpDecoder decoder, byte[] dets, byte[] flips, int shots)
    {
        int db = decoder.NumDetectors + 7 >> 3, notConverged = 0;
        long iterations = 0;
        for (int s = 0; s < shots; s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
            notConverged += decoder.LastUsedOsd || !decoder.LastConverged ? 1 : 0;
            iterations += decoder.LastIterations;
        }
        return (notConverged, (double)iterations / shots);
    }

    private static int DecodeAll(IDecoder decoder, byte[] dets, byte[] obs, byte[] flips, int shots)
    {
        int db = decoder.DetectorBytes, ob = decoder.ObservableBytes, errors = 0;
        for (int s = 0; s < shots; s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
            errors += flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob)) ? 0 : 1;
        }
        return errors;
    }
}

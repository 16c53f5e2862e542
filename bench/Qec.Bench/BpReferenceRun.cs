using System.Globalization;
using Qec.BeliefPropagation;
using Qec.Core.Decoding;

namespace Qec.Bench;

/// <summary>
/// <c>bp-reference [decoders…]</c>: every bivariate-bicycle reference file decoded by each BP decoder on
/// one thread, all 10,000 shots after half a second of warm-up on them (tier-1 JIT): logical errors and µs per shot next to ldpc's.
/// A table for bench/RESULTS.md; BenchmarkDotNet's <see cref="BeliefPropagationBenchmarks"/> times the same.
/// </summary>
internal static class BpReferenceRun
{
    public static void Run(string[] args)
    {
        var registry = BeliefPropagationDecoders.Register(new DecoderRegistry());
        var names = args.Length > 0 ? args : ["bp", "bposd", "relaybp"];
        Console.WriteLine($"# BP family on ../shared/reference/bp, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, one thread, .NET {Environment.Version}");
        Console.WriteLine("| code | p | decoder | errors | ldpc BP | ldpc BP+OSD-CS7 | not converged | mean iterations | µs/shot | ldpc BP µs | ldpc OSD µs | ÷ ldpc ¹ |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var ((code, p), ldpc) in BbReference.Ldpc)
        {
            var model = BbReference.Model(code, p);
            foreach (string name in names)
            {
                var decoder = registry.Get(name).Compile(model, DecoderOptions.Empty).CreateDecoder();
                var (dets, obs) = BbReference.Shots(code, p, decoder.NumDetectors, decoder.NumObservables);
                var tally = ShotTally.DecodeWarm(decoder, dets, obs, dets.Length / decoder.DetectorBytes, TimeSpan.FromSeconds(0.5));
                double ratio = tally.MicrosPerShot / (name == "bp" ? ldpc.BpMicros : ldpc.OsdMicros);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {code} | {p} | {name} | {tally.Errors} | {ldpc.BpErrors} | {ldpc.OsdErrors} | {tally.NotConverged} | {tally.MeanIterations:0.00} | {tally.MicrosPerShot:0.00} | {ldpc.BpMicros:0.00} | {ldpc.OsdMicros:0.00} | {ratio:0.00} |"));
            }
        }
        Console.WriteLine("¹ our µs/shot ÷ ldpc's: bp against ldpc's BP, bposd and relaybp against ldpc's BP+OSD-CS7 (ldpc measured on a quiet machine of this kind).");
    }
}

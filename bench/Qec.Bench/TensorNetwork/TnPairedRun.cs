using System.Globalization;
using Qec.Cli.Compare;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Decoding;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// <c>tn-paired [--d 5,9,13] [--bit-flip-p 0.05,0.1] [--depolarizing-p 0.1,0.16] [--shots 10000] [--chi 8]
/// [--threads 2] [--seed S]</c>: tn (boundary mode, bond dimension <c>--chi</c>) and mwpm on the same sampled
/// shots of the code-capacity rotated surface code, as a table for bench/RESULTS.md. <c>qecd compare</c>
/// seeds every task apart (the decoder is part of its identity), so its rows give each decoder other
/// shots; here both decode the same ones and the shots only one of them gets wrong are counted, so
/// "tn is never worse than mwpm" is tested with the paired (McNemar) error bar rather than two
/// binomial ones.
/// </summary>
internal static class TnPairedRun
{
    private static readonly string[] Options = ["d", "bit-flip-p", "depolarizing-p", "shots", "chi", "threads", "seed"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("tn-paired", args, Options);
        int shots = options.Int("shots", 10_000), threads = options.Int("threads", 2), chi = options.Int("chi", TnOptions.DefaultChi);
        ulong seed = options.Seed("seed");
        string tn = $"tn:mode=boundary:chi={chi}";
        Console.WriteLine($"# tn-paired, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {threads} threads, .NET {Environment.Version}; " +
            $"seed {seed}; {shots} shots per row, the same shots for both decoders");
        Console.WriteLine();
        Console.WriteLine($"| noise | d | p | mwpm errors | {tn} errors | tn rate [95% Wilson] | tn wrong, mwpm right | mwpm wrong, tn right | " +
            "mwpm − tn errors ± 95% (paired) | mwpm µs/shot | tn µs/shot |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var rows = new (string Name, NoiseModel Noise, double[] P)[]
        {
            ("bit-flip", NoiseModel.CodeCapacity, options.Probabilities("bit-flip-p", [0.05, 0.1])),
            ("depolarizing", NoiseModel.CodeCapacityDepolarizing, options.Probabilities("depolarizing-p", [0.1, 0.16])),
        };
        foreach (var (name, noise, ps) in rows)
        {
            foreach (double p in ps)
            {
                foreach (int d in options.Ints("d", [5, 9, 13]))
                {
                    var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
                    var (dets, obs) = new DemSampler(model).Sample(shots, seed);
                    var mwpm = ShotOutcomes.Decode(DecoderSpecs.Compile("mwpm", model), dets, obs, shots, threads);
                    var tensor = ShotOutcomes.Decode(DecoderSpecs.Compile(tn, model), dets, obs, shots, threads);
                    var rate = BinomialInterval.Wilson(tensor.Errors, shots);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {d} | {p} | {mwpm.Errors} | {tensor.Errors} | {rate.Estimate:0.0000} [{rate.Low:0.0000}, {rate.High:0.0000}] | " +
                        $"{tensor.Discordant(mwpm)} | {mwpm.MicrosPerShot:0.0} | {tensor.MicrosPerShot:0.0} |"));
                }
            }
        }
    }
}

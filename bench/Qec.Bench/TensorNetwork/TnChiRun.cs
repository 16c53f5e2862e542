using System.Globalization;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Decoding;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// <c>tn-chi [--d 9] [--p 0.05,0.1] [--chis 2,4,8,16,32] [--shots 500] [--chi 8] [--agree-d 5,7,9]
/// [--agree-p 0.05,0.1,0.15,0.2] [--agree-shots 2000] [--seed S]</c>: issue 11's χ tables for bench/RESULTS.md,
/// on code-capacity rotated surface codes (bit flips and depolarizing noise), one thread.
/// <list type="number">
/// <item>Convergence at distance <c>--d</c>: ln W(c | s) of both classes at each χ on the same sampled shots, for
/// the hardest shot (closest classes) and as largest differences to the reference (exact mode where it runs
/// within its cost limit, else the largest χ), with the discarded weight and the time per shot.</item>
/// <item>Agreement of boundary mode at <c>--chi</c> with exact mode wherever exact mode runs (every
/// <c>--agree-d</c>; a refused model is listed with the cost exact mode named).</item>
/// </list>
/// </summary>
internal static class TnChiRun
{
    private static readonly string[] Options = ["d", "p", "chis", "shots", "chi", "agree-d", "agree-p", "agree-shots", "seed"];
    private static readonly (string Name, NoiseModel Noise)[] Noises =
        [("bit-flip", NoiseModel.CodeCapacity), ("depolarizing", NoiseModel.CodeCapacityDepolarizing)];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("tn-chi", args, Options);
        int d = options.Int("d", 9), shots = options.Int("shots", 500), chi = options.Int("chi", TnOptions.DefaultChi);
        int[] chis = options.Ints("chis", [2, 4, 8, 16, 32]);
        ulong seed = options.Seed("seed");
        Console.WriteLine($"# tn-chi, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, one thread, .NET {Environment.Version}; seed {seed}");
        foreach (var (name, noise) in Noises)
        {
            foreach (double p in options.Probabilities("p", [0.05, 0.1]))
            {
                Convergence(name, noise, d, p, chis, shots, seed);
            }
        }
        int agreeShots = options.Int("agree-shots", 2000);
        Console.WriteLine();
        Console.WriteLine($"## Boundary mode at χ = {chi} against exact mode, {agreeShots} sampled shots per row (seed {seed})");
        Console.WriteLine("| noise | d | p | decisions ≠ exact (of them ties) | max abs Δln W, likelier class | other class | max abs ΔP(L0 flipped) | shots with a class lost (−∞) | " +
            "mean discarded weight | errors exact / boundary | boundary µs/shot | exact µs/shot | exact cost |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, noise) in Noises)
        {
            foreach (int ad in options.Ints("agree-d", [5, 7, 9]))
            {
                foreach (double p in options.Probabilities("agree-p", [0.05, 0.1, 0.15, 0.2]))
                {
                    Agreement(name, noise, ad, p, chi, agreeShots, seed);
                }
            }
        }
    }

    /// <summary>Part 1: one model, every χ on the same shots.</summary>
    private static void Convergence(string name, NoiseModel noise, int d, double p, int[] chis, int shots, ulong seed)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
        var (dets, _) = new DemSampler(model).Sample(shots, seed);
        var runs = chis.Select(chi => ClassWeights.Of($"tn:mode=boundary:chi={chi}", model, dets, shots)).ToArray();
        var (exact, refusal) = DecoderSpecs.TryCompile("tn", model);
        var exactRun = exact is null ? null : ClassWeights.Of((TnCompiledDecoder)exact, dets, shots);
        var reference = exactRun ?? runs[^1];
        string referenceName = exactRun is null ? $"χ = {chis[^1]}" : "exact";
        int hardest = Enumerable.Range(0, shots).MinBy(s => Math.Abs(reference.Logs[2 * s] - reference.Logs[2 * s + 1]));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {name}, d = {d}, p = {p}: {shots} sampled shots; reference: {referenceName}"));
        Console.WriteLine(exactRun is null ? $"exact mode refused: {refusal}" : $"exact mode: {((TnCompiledDecoder)exact!).Cost}");
        Console.WriteLine();
        Console.WriteLine($"ln W(c | s) of shot {hardest}, the shot whose two classes are closest by the reference:");
        Console.WriteLine();
        Console.WriteLine("| χ | ln W(L0 = 0) | ln W(L0 = 1) | P(L0 flipped given s) |");
        Console.WriteLine("|---|---|---|---|");
        for (int i = 0; i < chis.Length; i++)
        {
            Console.WriteLine(ShotRow(chis[i].ToString(CultureInfo.InvariantCulture), runs[i], hardest));
        }
        if (exactRun is not null)
        {
            Console.WriteLine(ShotRow("exact", exactRun, hardest));
        }
        Console.WriteLine();
        Console.WriteLine($"All {shots} shots, largest differences to the reference ({referenceName}):");
        Console.WriteLine();
        Console.WriteLine("| χ | max abs Δln W vs χ/2, likelier class | likelier class vs ref | other class vs ref | max abs ΔP(L0 flipped) vs ref | " +
            "decisions ≠ ref (of them ties) | shots with a class lost (−∞) | mean discarded weight | µs/shot |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < chis.Length; i++)
        {
            string step = i == 0 ? "–" : E(runs[i].DistanceTo(runs[i - 1]).Likelier);
            var far = runs[i].DistanceTo(reference);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {chis[i]} | {step} | {E(far.Likelier)} | {E(far.Other)} | {E(far.Posterior)} | {far.Decisions} ({far.Ties}) | {far.Lost} | {E(runs[i].Discarded / shots)} | {runs[i].MicrosPerShot:0.0} |"));
        }
        if (exactRun is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| exact | – | 0 | 0 | 0 | 0 | 0 | 0 | {exactRun.MicrosPerShot:0.0} |"));
        }
    }

    private static string ShotRow(string label, ClassWeights run, int s) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {run.Logs[2 * s]:0.000000000} | {run.Logs[2 * s + 1]:0.000000000} | {run.Posterior(s):0.000000000} |");

    /// <summary>Part 2: one row, boundary mode at χ against exact mode on the same shots (a refusal row when exact mode will not run).</summary>
    private static void Agreement(string name, NoiseModel noise, int d, double p, int chi, int shots, ulong seed)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
        string cells = string.Create(CultureInfo.InvariantCulture, $"| {name} | {d} | {p} |");
        var (exact, refusal) = DecoderSpecs.TryCompile("tn", model);
        if (exact is null)
        {
            Console.WriteLine($"{cells} exact mode refused | | | | | | | | | {refusal} |");
            return;
        }
        var (dets, obs) = new DemSampler(model).Sample(shots, seed);
        var exactRun = ClassWeights.Of((TnCompiledDecoder)exact, dets, shots);
        var boundary = ClassWeights.Of($"tn:mode=boundary:chi={chi}", model, dets, shots);
        var far = boundary.DistanceTo(exactRun);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cells} {far.Decisions} ({far.Ties}) | {E(far.Likelier)} | {E(far.Other)} | {E(far.Posterior)} | {far.Lost} | {E(boundary.Discarded / shots)} | " +
            $"{Errors(exactRun, obs)} / {Errors(boundary, obs)} | {boundary.MicrosPerShot:0.0} | {exactRun.MicrosPerShot:0.0} | {((TnCompiledDecoder)exact).Cost} |"));
    }

    /// <summary>A difference in one column: 1.2E-3 style, ∞ when a class is lost on one side only.</summary>
    private static string E(double x) => double.IsPositiveInfinity(x) ? "∞" : x.ToString("0.0E+0", CultureInfo.InvariantCulture);

    /// <summary>Shots whose decision differs from the true L0 (b8-packed, one byte per shot).</summary>
    private static int Errors(ClassWeights run, byte[] obs)
    {
        int errors = 0;
        for (int s = 0; s < run.Shots; s++)
        {
            errors += run.Best(s) == (obs[s] & 1) ? 0 : 1;
        }
        return errors;
    }
}

using System.Globalization;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.TensorNetwork.Decoding;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// <c>tn-circuit [--cases sc_rmz_d03_r03_p0.001,…] [--shots N] [--threads 2] [--states 1024] [--refused sc_rmz_d05_r05_p0.003]</c>:
/// how far matching is from optimal at circuit level. On Stim's reference shots (../shared/reference) of
/// each case: logical errors of tn in exact mode (maximum likelihood over the whole DEM, hyperedges kept)
/// where exact mode takes the model, else in pruned mode keeping <c>--states</c> frontier states,
/// of mwpm, of PyMatching (<c>pymatching/NAME.pm_weights.txt</c>, first column: the predicted observable
/// bits) and of PyMatching's correlated matching (<c>pymatching-correlated/NAME.pred.01</c>), all on the same
/// shots, with the shots that only one of tn and the other gets wrong. Then exact mode's cost per shot for
/// each case and for the models it refuses (<c>--refused</c>), as it names them.
/// </summary>
internal static class TnCircuitRun
{
    private static readonly string[] Options = ["cases", "shots", "threads", "refused", "states"];
    private static readonly string[] DefaultCases =
        ["sc_rmz_d03_r03_p0.001", "sc_rmz_d03_r03_p0.003", "sc_rmz_d03_r03_p0.005", "sc_rmz_d03_r03_p0.007",
         "sc_rmz_d05_r05_p0.001", "sc_rmz_d05_r05_p0.003", "sc_rmz_d05_r05_p0.005", "sc_rmz_d05_r05_p0.007"];

    /// <summary>Entry from Program.cs.</summary>
    public static void Run(string[] args)
    {
        var options = new BenchArgs("tn-circuit", args, Options);
        int maxShots = options.Int("shots", int.MaxValue), threads = options.Int("threads", 2), states = options.Int("states", TnOptions.DefaultStates);
        Console.WriteLine($"# tn-circuit, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {threads} threads, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| case | shots | tn | tn errors | mwpm errors | PyMatching errors | correlated PyMatching errors | " +
            "tn wrong, mwpm right | mwpm wrong, tn right | mwpm − tn ± 95% (paired) | tn wrong, correlated right | correlated wrong, tn right | " +
            "correlated − tn ± 95% (paired) | tn core µs/shot | mwpm core µs/shot |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (string name in options.Names("cases", DefaultCases))
        {
            Case(name, maxShots, threads, states);
        }
        Console.WriteLine();
        Console.WriteLine("Exact mode's cost per shot, as it plans each model (and refuses those over its limit):");
        foreach (string name in options.Names("cases", DefaultCases).Concat(options.Names("refused", ["sc_rmz_d05_r05_p0.003"])))
        {
            var model = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
            var (exact, refusal) = DecoderSpecs.TryCompile("tn", model);
            Console.WriteLine($"- {name}: {(exact is TnCompiledDecoder compiled ? compiled.Cost.ToString() : refusal)}");
        }
    }

    private static void Case(string name, int maxShots, int threads, int states)
    {
        var model = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
        int numObservables = (int)model.Counts.NumObservables;
        var observables = ShotLayout.Observables(numObservables);
        var dets = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors((int)model.Counts.NumDetectors));
        var obs = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".obs.01"), SampleFormat.Format01, observables);
        var correlated = ReferenceData.ReadShots(ReferenceData.Path("pymatching-correlated", name + ".pred.01"), SampleFormat.Format01, observables);
        var plain = PyMatchingPredictions(ReferenceData.Path("pymatching", name + ".pm_weights.txt"), observables.BytesPerShot);
        int shots = Math.Min(maxShots, obs.Length / observables.BytesPerShot);
        var (exact, _) = DecoderSpecs.TryCompile("tn", model);
        string spec = exact is null ? $"tn:mode=pruned:states={states}" : "tn";
        var tn = ShotOutcomes.Decode(exact ?? DecoderSpecs.Compile(spec, model), dets, obs, shots, threads);
        var mwpm = ShotOutcomes.Decode(DecoderSpecs.Compile("mwpm", model), dets, obs, shots, threads);
        var pyMatching = ShotOutcomes.Of(plain, obs, observables.BytesPerShot, shots);
        var corr = ShotOutcomes.Of(correlated, obs, observables.BytesPerShot, shots);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {shots} | {spec} | {tn.Errors} | {mwpm.Errors} | {pyMatching.Errors} | {corr.Errors} | {tn.Discordant(mwpm)} | {tn.Discordant(corr)} | " +
            $"{tn.MicrosPerShot:0} | {mwpm.MicrosPerShot:0.00} |"));
    }

    /// <summary>The first column of a <c>pm_weights.txt</c> (the predicted observable bits as an integer, bit o = observable o), b8-packed per shot.</summary>
    private static byte[] PyMatchingPredictions(string path, int observableBytes)
    {
        var lines = File.ReadAllLines(path);
        var packed = new byte[lines.Length * observableBytes];
        for (int s = 0; s < lines.Length; s++)
        {
            ulong bits = ulong.Parse(lines[s].AsSpan(0, lines[s].IndexOf(' ')), NumberStyles.None, CultureInfo.InvariantCulture);
            for (int b = 0; b < observableBytes; b++)
            {
                packed[s * observableBytes + b] = (byte)(bits >> (8 * b));
            }
        }
        return packed;
    }
}

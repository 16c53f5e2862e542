using System.Diagnostics;
using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;

namespace Qec.Bench;

/// <summary>
/// <c>circuit-analyze [--cases sc_rmz_d17_r17_p0.001,sc_rmz_d05_r1000000_p0.001 --repeats 5]</c>: seconds to parse a
/// reference circuit and to analyze it into a DEM (plain, decomposed; folded for circuits with a REPEAT block)
/// and write Stim's text, in process after one untimed run (JIT warm), best of R. <c>stim analyze_errors</c>
/// on d = 17 r = 17 takes 0.30 s on this kind of machine (issue 15). <c>--mode cold</c> times the first (cold,
/// JIT-compiling) run of each phase instead, as a fresh <c>qecd dem from-circuit</c> process sees it.
/// </summary>
internal static class CircuitAnalyzeRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("circuit-analyze", rest, "cases", "repeats", "mode");
        var cases = args.Names("cases", ["sc_rmz_d17_r17_p0.001", "sc_rmz_d05_r1000000_p0.001"]);
        bool cold = args.Text("mode", "warm") switch
        {
            "warm" => false,
            "cold" => true,
            var other => throw new BenchArgsException($"circuit-analyze: --mode {other}: expected warm or cold"),
        };
        int repeats = cold ? 1 : args.Int("repeats", 5);
        Console.WriteLine("case | analysis | parse s | analyze s | write s | DEM chars | analyze MB allocated | gen0/1/2 GCs");
        foreach (string name in cases)
        {
            string path = ReferenceData.Path("circuits", name + ".stim");
            bool folded = name.Contains("r1000000", StringComparison.Ordinal);
            foreach (var (label, decompose) in new[] { ("plain", false), ("decomposed", true) })
            {
                double parse = Best(() => Circuit.Load(path), repeats, cold);
                var circuit = Circuit.Load(path);
                double analyze = Best(() => ErrorAnalyzer.Analyze(circuit, decompose, folded), repeats, cold);
                long before = GC.GetTotalAllocatedBytes(precise: true);
                int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                var dem = ErrorAnalyzer.Analyze(circuit, decompose, folded);
                double megabytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6;
                string gcs = $"{GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}";
                int chars = 0;
                double write = Best(() => chars = StimDemWriter.ToText(dem).Length, repeats, cold);
                Console.WriteLine($"{name} | {label}{(folded ? ", folded" : "")} | {parse:F3} | {analyze:F3} | {write:F3} | {chars} | {megabytes:F1} | {gcs}");
            }
        }
    }

    // Best of repeats timed runs, after one untimed run unless cold (then the first run is the one timed).
    private static double Best(Action run, int repeats, bool cold)
    {
        if (!cold)
        {
            run();
        }
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}

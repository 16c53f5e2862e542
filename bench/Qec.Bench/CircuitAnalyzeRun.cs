using System.Diagnostics;
using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;

namespace Qec.Bench;

/// <summary>
/// <c>circuit-analyze [--cases sc_rmz_d17_r17_p0.001,sc_rmz_d05_r1000000_p0.001 --repeats 5]</c>: seconds to parse a
/// reference circuit and to analyze it into a DEM (plain, decomposed; folded for circuits with a REPEAT block)
/// and write Stim's text, in process after one untimed run (JIT warm), best of R. <c>stim analyze_errors</c>
/// on d = 17 r = 17 takes 0.30 s on this kind of machine (issue 15).
/// </summary>
internal static class CircuitAnalyzeRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("circuit-analyze", rest, "cases", "repeats");
        var cases = args.Names("cases", ["sc_rmz_d17_r17_p0.001", "sc_rmz_d05_r1000000_p0.001"]);
        int repeats = args.Int("repeats", 5);
        Console.WriteLine("case | analysis | parse s | analyze s | write s | DEM chars");
        foreach (string name in cases)
        {
            string path = ReferenceData.Path("circuits", name + ".stim");
            bool folded = name.Contains("r1000000", StringComparison.Ordinal);
            foreach (var (label, decompose) in new[] { ("plain", false), ("decomposed", true) })
            {
                double parse = Best(() => Circuit.Load(path), repeats);
                var circuit = Circuit.Load(path);
                double analyze = Best(() => ErrorAnalyzer.Analyze(circuit, decompose, folded), repeats);
                var dem = ErrorAnalyzer.Analyze(circuit, decompose, folded);
                int chars = 0;
                double write = Best(() => chars = StimDemWriter.ToText(dem).Length, repeats);
                Console.WriteLine($"{name} | {label}{(folded ? ", folded" : "")} | {parse:F3} | {analyze:F3} | {write:F3} | {chars}");
            }
        }
    }

    private static double Best(Action run, int repeats)
    {
        run();
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

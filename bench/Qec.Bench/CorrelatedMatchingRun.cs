using System.Diagnostics;
using System.Globalization;
using Qec.Core.Dem;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm;

namespace Qec.Bench;

/// <summary>
/// <c>mwpm-correlated</c>: decodes every circuit-level reference case listed in
/// ../shared/reference/pymatching-correlated/errors.csv with <c>mwpm correlations=true</c> and plain
/// <c>mwpm</c>, one thread, and prints per case the shot-by-shot agreement with PyMatching's
/// correlated predictions (differing shots and %), the logical errors of ours, of PyMatching correlated and of plain
/// matching, and the time per shot of both passes together. Options: <c>--cases a,b</c> (name
/// prefixes), <c>--shots N</c> (cap per case).
/// </summary>
internal static class CorrelatedMatchingRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("mwpm-correlated", rest, "cases", "shots");
        string[] filters = args.Names("cases", []);
        int cap = args.Int("shots", int.MaxValue);
        string folder = ReferenceData.Path("pymatching-correlated");
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| case | shots | differ | agree % | ours corr | PM corr | ours plain | PM plain | µs/shot corr | µs/shot plain |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        long totalShots = 0, totalAgree = 0, oursCorr = 0, pmCorr = 0, oursPlain = 0, pmPlain = 0;
        foreach (string line in File.ReadLines(Path.Combine(folder, "errors.csv")).Skip(1))
        {
            var f = line.Split(',');
            string name = f[0];
            if (filters.Length > 0 && !filters.Any(name.StartsWith))
            {
                continue;
            }
            var dem = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
            int db = (int)((dem.NumDetectors + 7) / 8);
            byte[] dets = File.ReadAllBytes(ReferenceData.Path("shots", name + ".dets.b8"));
            string[] truth = File.ReadAllLines(ReferenceData.Path("shots", name + ".obs.01"));
            string[] pmCorrPred = File.ReadAllLines(Path.Combine(folder, name + ".pred.01"));
            string[] pmPlainLines = File.ReadAllLines(ReferenceData.Path("pymatching", name + ".pm_weights.txt"));
            int shots = Math.Min(cap, Math.Min(dets.Length / db, pmCorrPred.Length));
            var corr = CorrelatedMwpmCompiledDecoder.FromDem(dem).CreateDecoder();
            var plain = MwpmCompiledDecoder.FromDem(dem).CreateDecoder();
            int ob = (int)((dem.NumObservables + 7) / 8);
            var outCorr = new byte[ob];
            var outPlain = new byte[ob];
            int agree = 0, eCorr = 0, ePmCorr = 0, ePlain = 0, ePmPlain = 0;
            var swCorr = new Stopwatch();
            var swPlain = new Stopwatch();
            for (int s = 0; s < shots; s++)
            {
                var shot = dets.AsSpan(s * db, db);
                swCorr.Start();
                corr.Decode(shot, outCorr);
                swCorr.Stop();
                swPlain.Start();
                plain.Decode(shot, outPlain);
                swPlain.Stop();
                int t = Bits(truth[s]);
                int c = outCorr[0];
                int pc = Bits(pmCorrPred[s]);
                agree += c == pc ? 1 : 0;
                eCorr += c != t ? 1 : 0;
                ePmCorr += pc != t ? 1 : 0;
                ePlain += outPlain[0] != t ? 1 : 0;
                ePmPlain += Bits(pmPlainLines[s].Split(' ')[0]) != t ? 1 : 0;
            }
            Console.WriteLine(string.Create(inv,
                $"| {name} | {shots} | {shots - agree} | {100.0 * agree / shots:F2} | {eCorr} | {ePmCorr} | {ePlain} | {ePmPlain} | " +
                $"{swCorr.Elapsed.TotalMicroseconds / shots:F2} | {swPlain.Elapsed.TotalMicroseconds / shots:F2} |"));
            totalShots += shots;
            totalAgree += agree;
            oursCorr += eCorr;
            pmCorr += ePmCorr;
            oursPlain += ePlain;
            pmPlain += ePmPlain;
        }
        Console.WriteLine(string.Create(inv,
            $"| **total** | {totalShots} | {totalShots - totalAgree} | {100.0 * totalAgree / Math.Max(1, totalShots):F3} | {oursCorr} | {pmCorr} | {oursPlain} | {pmPlain} | | |"));
    }

    /// <summary>Observable bits of a 01 line ('1' at position k = observable k), packed into an int (≤ 8 observables here).</summary>
    private static int Bits(string text)
    {
        int v = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '1')
            {
                v |= 1 << i;
            }
        }
        return v;
    }
}

using System.Globalization;
using Qec.Core.Dem;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm;

namespace Qec.Bench;

/// <summary>
/// <c>mwpm-time</c>: thread-CPU µs per shot of <c>mwpm</c> on the reference files
/// <c>sc_rmz_dDD_rDD_pP</c> (all shots decoded from memory, cycled), one thread, median of
/// <c>--reps</c> (5) timed passes after ≥ 1 s of warm-up; each pass decodes at least <c>--min-shots</c>
/// (20,000). Thread CPU time (CLOCK_THREAD_CPUTIME_ID) leaves out time the thread sat descheduled,
/// which matters on the shared VM. Options: <c>--d 5,11,17</c>, <c>--p 0.001,0.005</c>,
/// <c>--correlated 1</c> (time <c>mwpm correlations=true</c> instead; <c>ab</c>: plain and correlated in
/// alternating passes, for their ratio on a drifting machine), <c>--fixed-work 1</c> (warm up with the
/// first pass only, so the work done is fixed: for instruction counts with <c>perf stat</c>), <c>--table 0</c> (no
/// shortest-path table: every shot through sparse blossom), <c>--table ab</c> (both, timed in alternating passes of
/// one process, so the machine's drift falls on both alike). Prints one tab-separated line per case: case,
/// median, min, max µs/shot, and the summed weight (a checksum for A/B runs); with <c>ab</c>, one line per variant.
/// </summary>
internal static class MwpmTimeRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("mwpm-time", rest, "d", "p", "reps", "min-shots", "correlated", "fixed-work", "table");
        int[] distances = args.Ints("d", [5, 11, 17]);
        string[] ps = args.Names("p", ["0.001", "0.005"]);
        int reps = args.Int("reps", 5);
        int minShots = args.Int("min-shots", 20_000);
        string correlatedMode = args.Names("correlated", ["0"])[0];
        bool[] correlatedVariants = correlatedMode switch
        {
            "0" => [false],
            "1" => [true],
            "ab" => [false, true],
            _ => throw new BenchArgsException($"--correlated: expected 0, 1 or ab, got '{correlatedMode}'"),
        };
        int warmupMs = args.Int("fixed-work", 0) != 0 ? 0 : 1000;
        string tableMode = args.Names("table", ["1"])[0];
        bool[] tableVariants = tableMode switch
        {
            "1" => [true],
            "0" => [false],
            "ab" => [true, false],
            _ => throw new BenchArgsException($"--table: expected 1, 0 or ab, got '{tableMode}'"),
        };
        var variants = correlatedVariants.SelectMany(c => tableVariants.Select(t => (Correlated: c, Table: t))).ToArray();
        var inv = CultureInfo.InvariantCulture;
        foreach (int d in distances)
        {
            foreach (string p in ps)
            {
                string name = string.Create(inv, $"sc_rmz_d{d:00}_r{d:00}_p{p}");
                var dem = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
                var decoders = variants.Select(v => Decoder(dem, v.Correlated, v.Table)).ToArray();
                int db = (int)((dem.NumDetectors + 7) / 8);
                byte[] dets = File.ReadAllBytes(ReferenceData.Path("shots", name + ".dets.b8"));
                int shots = dets.Length / db;
                int perPass = (minShots + shots - 1) / shots * shots;
                var flips = new byte[(dem.NumObservables + 7) / 8];
                // Warm-up: at least one pass and 1 s of wall time (none with --fixed-work), so tiered compilation has promoted the hot code.
                var checksums = decoders.Select(decode => Pass(decode, dets, db, shots, flips)).ToArray();
                for (var warm = System.Diagnostics.Stopwatch.StartNew(); warm.ElapsedMilliseconds < warmupMs;)
                {
                    foreach (var decode in decoders)
                    {
                        Pass(decode, dets, db, shots, flips);
                    }
                }
                var times = new double[decoders.Length, reps];
                for (int r = 0; r < reps; r++)
                {
                    for (int v = 0; v < decoders.Length; v++)
                    {
                        long t0 = ThreadCpuClock.Nanoseconds();
                        for (int done = 0; done < perPass; done += shots)
                        {
                            Pass(decoders[v], dets, db, shots, flips);
                        }
                        times[v, r] = (ThreadCpuClock.Nanoseconds() - t0) / 1000.0 / perPass;
                    }
                }
                for (int v = 0; v < decoders.Length; v++)
                {
                    var sorted = Enumerable.Range(0, reps).Select(r => times[v, r]).Order().ToArray();
                    string label = (variants[v].Correlated ? " corr" : "") + (tableMode == "ab" ? (variants[v].Table ? " table" : " no-table") : "");
                    Console.WriteLine(string.Create(inv,
                        $"{name}{label}\t{sorted[reps / 2]:F3}\t{sorted[0]:F3}\t{sorted[^1]:F3}\t{checksums[v]}"));
                }
            }
        }
    }

    private static Func<ReadOnlySpan<byte>, Span<byte>, long> Decoder(DetectorErrorModel dem, bool correlated, bool useTable) =>
        correlated
            ? CorrelatedMwpmCompiledDecoder.FromDem(dem).CreateDecoder(useTable).DecodeToIntegerWeight
            : MwpmCompiledDecoder.FromDem(dem).CreateDecoder(useTable).DecodeToIntegerWeight;

    private static long Pass(Func<ReadOnlySpan<byte>, Span<byte>, long> decode, byte[] dets, int db, int shots, byte[] flips)
    {
        long total = 0;
        for (int s = 0; s < shots; s++)
        {
            total += decode(dets.AsSpan(s * db, db), flips);
        }
        return total;
    }
}

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
/// <c>--correlated 1</c> (time <c>mwpm correlations=true</c> instead), <c>--fixed-work 1</c> (warm up with the
/// first pass only, so the work done is fixed: for instruction counts with <c>perf stat</c>). Prints one tab-separated line
/// per case: case, median, min, max µs/shot, and the summed weight (a checksum for A/B runs).
/// </summary>
internal static class MwpmTimeRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("mwpm-time", rest, "d", "p", "reps", "min-shots", "correlated", "fixed-work");
        int[] distances = args.Ints("d", [5, 11, 17]);
        string[] ps = args.Names("p", ["0.001", "0.005"]);
        int reps = args.Int("reps", 5);
        int minShots = args.Int("min-shots", 20_000);
        bool correlated = args.Int("correlated", 0) != 0;
        int warmupMs = args.Int("fixed-work", 0) != 0 ? 0 : 1000;
        var inv = CultureInfo.InvariantCulture;
        foreach (int d in distances)
        {
            foreach (string p in ps)
            {
                string name = string.Create(inv, $"sc_rmz_d{d:00}_r{d:00}_p{p}");
                var dem = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
                Func<ReadOnlySpan<byte>, Span<byte>, long> decode = correlated
                    ? CorrelatedMwpmCompiledDecoder.FromDem(dem).CreateDecoder().DecodeToIntegerWeight
                    : MwpmCompiledDecoder.FromDem(dem).CreateDecoder().DecodeToIntegerWeight;
                int db = (int)((dem.NumDetectors + 7) / 8);
                byte[] dets = File.ReadAllBytes(ReferenceData.Path("shots", name + ".dets.b8"));
                int shots = dets.Length / db;
                int perPass = (minShots + shots - 1) / shots * shots;
                var flips = new byte[(dem.NumObservables + 7) / 8];
                // Warm-up: at least one pass and 1 s of wall time (none with --fixed-work), so tiered compilation has promoted the hot code.
                long checksum = Pass(decode, dets, db, shots, flips);
                for (var warm = System.Diagnostics.Stopwatch.StartNew(); warm.ElapsedMilliseconds < warmupMs;)
                {
                    Pass(decode, dets, db, shots, flips);
                }
                var times = new double[reps];
                for (int r = 0; r < reps; r++)
                {
                    long t0 = ThreadCpuClock.Nanoseconds();
                    for (int done = 0; done < perPass; done += shots)
                    {
                        Pass(decode, dets, db, shots, flips);
                    }
                    times[r] = (ThreadCpuClock.Nanoseconds() - t0) / 1000.0 / perPass;
                }
                Array.Sort(times);
                Console.WriteLine(string.Create(inv,
                    $"{name}{(correlated ? " corr" : "")}\t{times[reps / 2]:F3}\t{times[0]:F3}\t{times[^1]:F3}\t{checksum}"));
            }
        }
    }

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

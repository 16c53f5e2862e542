using System.Diagnostics;
using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Matching.Streaming;

namespace Qec.Bench;

/// <summary>
/// The million-round reference shot (not a BenchmarkDotNet suite: one experiment, timed whole):
/// <c>dotnet run -c Release --project bench/Qec.Bench -- stream-reference [referenceDir]</c>. Decodes Stim's
/// sc_rmz_d05_r1000000_p0.001 shot (24,000,000 detectors; PyMatching ran out of memory on it) round by
/// round with streaming mwpm, checks the prediction against the true flip, and prints the push-time
/// percentiles, Finish latency, allocation, heap and working set. Sampled experiments of any length,
/// with the backlog plot: <c>qecd bench stream --rounds …</c>.
/// </summary>
internal static class StreamingRun
{
    /// <summary>Entry from Program.cs.</summary>
    internal static void RunFromArgs(string[] args)
    {
        string reference = args.Length > 0 ? args[0] : ReferenceData.Folder;
        for (int pass = 0; pass < 2; pass++) // the first pass also tiers the JIT
        {
            MillionRounds(reference);
        }
    }

    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static void MillionRounds(string reference)
    {
        var model = DetectorErrorModel.Load(Path.Combine(reference, "dems/sc_rmz_d05_r1000000_p0.001.dem"));
        long c0 = Stopwatch.GetTimestamp();
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, DecoderOptions.Empty);
        double compileMs = Micros(Stopwatch.GetTimestamp() - c0) / 1e3;
        var layout = compiled.Layout;
        byte[] shot = File.ReadAllBytes(Path.Combine(reference, "shots/sc_rmz_d05_r1000000_p0.001.dets.b8"));
        string truth = File.ReadAllText(Path.Combine(reference, "shots/sc_rmz_d05_r1000000_p0.001.obs.01")).Trim();
        int rounds = layout.NumRounds;
        var push = new double[rounds];
        var stream = compiled.CreateStreamingDecoder();
        Span<byte> round = stackalloc byte[8];
        Span<byte> obs = stackalloc byte[8];
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < rounds; r++)
        {
            int size = layout.RoundSize(r);
            var packed = round[..((size + 7) >> 3)];
            RoundBits.Slice(shot, layout.RoundFirstDetector(r), size, packed);
            long p0 = Stopwatch.GetTimestamp();
            stream.PushRound(r, packed, obs);
            push[r] = Micros(Stopwatch.GetTimestamp() - p0);
        }
        long f0 = Stopwatch.GetTimestamp();
        stream.Finish(obs);
        double finish = Micros(Stopwatch.GetTimestamp() - f0);
        long alloc = GC.GetAllocatedBytesForCurrentThread() - a0;
        double total = push.Sum();
        Array.Sort(push);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sc_rmz_d05_r1000000_p0.001: {rounds} rounds, {layout.NumDetectors} detectors; prediction {obs[0] & 1}, truth {truth}; " +
            $"compile {compileMs:F0} ms ({compiled.CompiledWindows} window graphs, truncated model {layout.Truncated.NumDetectors} detectors); " +
            $"pushes {total / 1e3:F1} ms = {total / rounds:F3} µs/round (p50 {push[rounds / 2]:F3}, p99 {push[(int)(rounds * 0.99)]:F2}, max {push[^1]:F1}); " +
            $"finish {finish:F1} µs; windows {((SlidingWindowDecoder)stream).WindowsDecoded}; allocated {alloc} B; " +
            $"heap {GC.GetTotalMemory(true) / 1e6:F1} MB; working set {Environment.WorkingSet / 1e6:F0} MB"));
    }
}

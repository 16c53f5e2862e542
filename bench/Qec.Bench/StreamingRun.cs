using System.Diagnostics;
using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Matching.Streaming;

namespace Qec.Bench;

/// <summary>
/// The streaming measurement run (not a BenchmarkDotNet suite: it times whole experiments).
/// <c>dotnet run -c Release --project bench/Qec.Bench -- stream-run [referenceDir] [outDir] [million]</c>.
/// Measures, for streaming mwpm with default W and C: latency from the last round's arrival to the
/// final correction (Finish), mean decode time per round (all pushes of a shot timed as one), bytes
/// allocated while decoding a warm shot, managed heap and working set after each length; then decodes
/// the million-round reference shot, timing every push, and replays those times against a round
/// arriving every 1.1 µs to get the backlog (rounds waiting) over the run (CSV + SVG).
/// </summary>
internal static class StreamingRun
{
    /// <summary>Entry from Program.cs: <c>stream-run [referenceDir] [outDir] [million]</c>.</summary>
    internal static void RunFromArgs(string[] args) =>
        Run(args.Length > 0 ? args[0] : "../shared/reference", args.Length > 1 ? args[1] : "/tmp/qecd-stream",
            millionOnly: args.Length > 2 && args[2] == "million");

    private const double RoundPeriodMicros = 1.1;

    private static void Run(string reference, string outDir, bool millionOnly)
    {
        Directory.CreateDirectory(outDir);
        if (millionOnly)
        {
            MillionRounds(reference, outDir);
            MillionRounds(reference, outDir);
            return;
        }
        var d5 = DetectorErrorModel.Load(Path.Combine(reference, "dems/sc_rmz_d05_r1000_p0.001.dem"));
        Console.WriteLine($"# streaming run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, one thread, .NET {Environment.Version}");
        Console.WriteLine("| model | rounds | shots | events/round | W | C | errors | finish p50 µs | finish p99 µs | finish max µs | decode µs/round | whole-shot mwpm µs/round | max push µs | alloc B/shot (shots that allocated) | heap MB | working set MB | compile ms (graphs) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (rounds, shots) in new[] { (10, 3000), (1000, 100), (100_000, 3) })
        {
            // Rounds = 2·count + 5 for this model (head 2 rounds, body 2 per iteration, tail 3).
            foreach (var (w, c) in new[] { (15, 5), (20, 10) })
            {
                Measure("sc d=5 p=0.1%", WithCount(d5, (ulong)Math.Max(1, (rounds - 4) / 2)), shots, w, c);
            }
        }
        var d11 = DetectorErrorModel.Load(Path.Combine(reference, "dems/sc_rmz_d11_r11_p0.001.dem"));
        var same = StreamingFold.Fold(d11, 5, 1);
        if (same.NumErrors != d11.NumErrors || same.NumDetectors != d11.NumDetectors)
        {
            throw new InvalidOperationException("folding the d=11 model with one iteration changed it");
        }
        foreach (var (rounds, shots) in new[] { (10, 500), (1000, 20), (100_000, 1) })
        {
            // Rounds = count + 11 (the folded body is one round).
            foreach (var (w, c) in new[] { (33, 11), (44, 22) })
            {
                Measure("sc d=11 p=0.1% (folded)", StreamingFold.Fold(d11, 5, (ulong)Math.Max(1, rounds - 11)), shots, w, c);
            }
        }
        MillionRounds(reference, outDir);
        MillionRounds(reference, outDir);
    }

    private static DetectorErrorModel WithCount(DetectorErrorModel m, ulong count)
    {
        for (int i = 0; i < m.Instructions.Length; i++)
        {
            if (m.Instructions[i] is DemRepeat r)
            {
                return new DetectorErrorModel(m.Instructions.SetItem(i, r with { Count = count }));
            }
        }
        return m;
    }

    private static void Measure(string label, DetectorErrorModel model, int shots, int window, int commit)
    {
        long c0 = Stopwatch.GetTimestamp();
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, DecoderOptions.Parse([$"window={window}", $"commit={commit}"]));
        double compileMs = (Stopwatch.GetTimestamp() - c0) * 1e3 / Stopwatch.Frequency;
        var layout = compiled.Layout;
        var stream = compiled.CreateStreamingDecoder();
        var sampler = new StreamingSampler(model, 1234);
        var dets = new byte[(layout.NumDetectors + 7) >> 3];
        int rounds = layout.NumRounds;
        var offsets = new int[rounds + 1];
        for (int r = 0; r < rounds; r++)
        {
            offsets[r + 1] = offsets[r] + ((layout.RoundSize(r) + 7) >> 3);
        }
        var packed = new byte[offsets[rounds]];
        var finish = new double[shots];
        double pushTicks = 0, maxPush = 0;
        long alloc = 0;
        int errors = 0, allocShots = 0;
        long events = 0;
        double wholeTicks = 0;
        var whole = rounds <= 2000 ? Qec.Matching.Mwpm.MwpmCompiledDecoder.FromDem(model).CreateDecoder() : null;
        Span<byte> obs = stackalloc byte[8];
        for (int s = -1; s < shots; s++) // shot −1 warms up
        {
            ulong truth = sampler.Sample(dets);
            if (s >= 0)
            {
                foreach (byte b in dets)
                {
                    events += System.Numerics.BitOperations.PopCount(b);
                }
            }
            for (int r = 0; r < rounds; r++)
            {
                RoundBits.Slice(dets, layout.RoundFirstDetector(r), layout.RoundSize(r), packed.AsSpan(offsets[r], offsets[r + 1] - offsets[r]));
            }
            stream.Reset();
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            for (int r = 0; r < rounds; r++)
            {
                long p0 = Stopwatch.GetTimestamp();
                stream.PushRound(r, packed.AsSpan(offsets[r], offsets[r + 1] - offsets[r]), obs);
                maxPush = s >= 0 ? Math.Max(maxPush, Stopwatch.GetTimestamp() - p0) : maxPush;
            }
            long t1 = Stopwatch.GetTimestamp();
            stream.Finish(obs);
            long t2 = Stopwatch.GetTimestamp();
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            if (s < 0)
            {
                continue;
            }
            alloc += a1 - a0;
            allocShots += a1 > a0 ? 1 : 0;
            pushTicks += t1 - t0;
            finish[s] = (t2 - t1) * 1e6 / Stopwatch.Frequency;
            errors += (int)((obs[0] ^ truth) & 1);
            if (whole is not null)
            {
                whole.Decode(dets, obs); // warm this shot's cache state like the stream's
                long w0 = Stopwatch.GetTimestamp();
                whole.Decode(dets, obs);
                wholeTicks += Stopwatch.GetTimestamp() - w0;
            }
        }
        Array.Sort(finish);
        double perRound = pushTicks * 1e6 / Stopwatch.Frequency / ((double)shots * rounds);
        double heap = GC.GetTotalMemory(true) / 1e6;
        double ws = Environment.WorkingSet / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {rounds} | {shots} | {(double)events / shots / rounds:F2} | {compiled.Window} | {compiled.Commit} | {errors} | {Pct(finish, 0.5):F2} | {Pct(finish, 0.99):F2} | {finish[^1]:F2} | {perRound:F3} | {(whole is null ? "–" : (wholeTicks * 1e6 / Stopwatch.Frequency / ((double)shots * rounds)).ToString("F3", CultureInfo.InvariantCulture))} | {maxPush * 1e6 / Stopwatch.Frequency:F1} | {(double)alloc / shots:F0} ({allocShots}) | {heap:F1} | {ws:F0} | {compileMs:F0} ({compiled.CompiledWindows}) |"));
    }

    private static double Pct(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static void MillionRounds(string reference, string outDir)
    {
        var model = DetectorErrorModel.Load(Path.Combine(reference, "dems/sc_rmz_d05_r1000000_p0.001.dem"));
        long c0 = Stopwatch.GetTimestamp();
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, DecoderOptions.Empty);
        double compileMs = (Stopwatch.GetTimestamp() - c0) * 1e3 / Stopwatch.Frequency;
        var layout = compiled.Layout;
        byte[] shot = File.ReadAllBytes(Path.Combine(reference, "shots/sc_rmz_d05_r1000000_p0.001.dets.b8"));
        string truth = File.ReadAllText(Path.Combine(reference, "shots/sc_rmz_d05_r1000000_p0.001.obs.01")).Trim();
        int rounds = layout.NumRounds;
        var push = new float[rounds];
        var stream = compiled.CreateStreamingDecoder();
        Span<byte> round = stackalloc byte[8];
        Span<byte> obs = stackalloc byte[8];
        int events = 0;
        foreach (byte b in shot)
        {
            events += System.Numerics.BitOperations.PopCount(b);
        }
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        for (int r = 0; r < rounds; r++)
        {
            int size = layout.RoundSize(r);
            var packed = round[..((size + 7) >> 3)];
            RoundBits.Slice(shot, layout.RoundFirstDetector(r), size, packed);
            long p0 = Stopwatch.GetTimestamp();
            stream.PushRound(r, packed, obs);
            push[r] = (float)((Stopwatch.GetTimestamp() - p0) * 1e6 / Stopwatch.Frequency);
        }
        long t1 = Stopwatch.GetTimestamp();
        stream.Finish(obs);
        long t2 = Stopwatch.GetTimestamp();
        long alloc = GC.GetAllocatedBytesForCurrentThread() - a0;
        double total = 0;
        foreach (float p in push)
        {
            total += p;
        }
        // Backlog: round i arrives at i·1.1 µs; the decoder takes rounds in order, each as long as its push took.
        using var csv = new StreamWriter(Path.Combine(outDir, "stream_backlog_d5_r1000000.csv"));
        csv.WriteLine("round,backlog_rounds,max_backlog_rounds_in_block");
        double done = 0, maxBacklog = 0, blockMax = 0;
        var series = new List<(int Round, double Max)>();
        for (int r = 0; r < rounds; r++)
        {
            double arrival = r * RoundPeriodMicros;
            done = Math.Max(done, arrival) + push[r];
            double backlog = (done - arrival) / RoundPeriodMicros;
            blockMax = Math.Max(blockMax, backlog);
            maxBacklog = Math.Max(maxBacklog, backlog);
            if (r % 1000 == 999 || r == rounds - 1)
            {
                csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r},{backlog:F3},{blockMax:F3}"));
                series.Add((r, blockMax));
                blockMax = 0;
            }
        }
        WriteSvg(Path.Combine(outDir, "stream_backlog_d5_r1000000.svg"), series, rounds);
        var sorted = (float[])push.Clone();
        Array.Sort(sorted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"push µs per round: p50 {sorted[rounds / 2]:F3}, p99 {sorted[(int)(rounds * 0.99)]:F3}, p99.9 {sorted[(int)(rounds * 0.999)]:F2}, max {sorted[^1]:F1}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"million-round reference shot: {rounds} rounds, {layout.NumDetectors} detectors, {events} detection events; compile {compileMs:F0} ms " +
            $"({compiled.CompiledWindows} window graphs, truncated model {layout.Truncated.NumDetectors} detectors); " +
            $"prediction {obs[0] & 1}, truth {truth}; pushes {total / 1e3:F1} ms in all = {total / rounds:F3} µs/round (wall {(t1 - t0) * 1e3 / Stopwatch.Frequency:F1} ms incl. slicing); " +
            $"finish {(t2 - t1) * 1e6 / Stopwatch.Frequency:F1} µs; max push {Max(push):F1} µs; max backlog {maxBacklog:F2} rounds at 1.1 µs/round; " +
            $"windows {stream.WindowsDecoded}, forced commits {stream.ForcedCommits}; allocated {alloc} B; heap {GC.GetTotalMemory(true) / 1e6:F1} MB; working set {Environment.WorkingSet / 1e6:F0} MB"));
    }

    private static float Max(float[] a)
    {
        float m = 0;
        foreach (float x in a)
        {
            m = Math.Max(m, x);
        }
        return m;
    }

    /// <summary>A bare SVG line plot of the per-1000-round maximum backlog.</summary>
    private static void WriteSvg(string path, List<(int Round, double Max)> series, int rounds)
    {
        double top = 1;
        foreach (var (_, m) in series)
        {
            top = Math.Max(top, m);
        }
        const int w = 800, h = 300, pad = 50;
        using var svg = new StreamWriter(path);
        svg.WriteLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.WriteLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.Write("<polyline fill=\"none\" stroke=\"steelblue\" points=\"");
        foreach (var (r, m) in series)
        {
            double x = pad + (w - 2 * pad) * (double)r / rounds, y = h - pad - (h - 2 * pad) * m / top;
            svg.Write(string.Create(CultureInfo.InvariantCulture, $"{x:F1},{y:F1} "));
        }
        svg.WriteLine("\"/>");
        svg.WriteLine($"<line x1=\"{pad}\" y1=\"{h - pad}\" x2=\"{w - pad}\" y2=\"{h - pad}\" stroke=\"black\"/><line x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{h - pad}\" stroke=\"black\"/>");
        svg.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"<text x=\"{pad}\" y=\"{pad - 10}\">backlog (rounds waiting, max per 1000 rounds; top = {top:F2}) — d=5 p=0.1%, 1.1 µs/round, mwpm sliding window</text>"));
        svg.WriteLine($"<text x=\"{w / 2 - 40}\" y=\"{h - 15}\">round (0 … {rounds})</text>");
        svg.WriteLine("</svg>");
    }
}

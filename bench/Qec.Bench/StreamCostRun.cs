using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;
using Qec.Matching.Streaming;

namespace Qec.Bench;

/// <summary>
/// <c>stream-cost [--d 17 --rounds 100,1000 --shots 200 --seconds 3 --window W --commit C]</c>: where the sliding
/// window's time per round goes. The reference circuit-level DEM sc_rmz_dDD_rDD_p0.001 resized to R rounds; shots
/// sampled in memory first; then, in one thread (thread CPU time, best of three passes of ≥ the given seconds):
/// every shot streamed round by round (pushes + Finish, as a controller drives it), and the same shots decoded
/// whole by <c>mwpm</c>. Also the windows decoded per shot, so the ratio splits into rounds decoded per round
/// (≈ W / C) and the cost of a window round against a whole-shot round.
/// </summary>
internal static class StreamCostRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("stream-cost", rest, "d", "rounds", "shots", "seconds", "window", "commit", "threads");
        int d = args.Int("d", 17), shots = args.Int("shots", 200), seconds = args.Int("seconds", 3);
        var options = new List<string>();
        if (args.Text("window", "") is { Length: > 0 } w)
        {
            options.Add("window=" + w);
        }
        if (args.Text("commit", "") is { Length: > 0 } c)
        {
            options.Add("commit=" + c);
        }
        int threads = args.Int("threads", 1);
        options.Add("threads=" + threads);
        var reference = DetectorErrorModel.Load(ReferenceData.Path("dems", $"sc_rmz_d{d:D2}_r{d:D2}_p0.001.dem"));
        Console.WriteLine($"d = {d}, p = 0.1%, {shots} shots in memory, {(threads == 1 ? "one thread, thread-CPU µs" : $"{threads} threads, wall-clock µs (streaming; whole shot: thread CPU)")}; options: {(options.Count == 0 ? "defaults" : string.Join(' ', options))}");
        Console.WriteLine("rounds | W | C | windows per shot | window rounds per round | stream µs/round | whole-shot µs/round | stream ÷ whole | µs per window round ÷ whole-shot round");
        foreach (int rounds in args.Ints("rounds", [100, 1000]))
        {
            var model = StreamingModels.WithRounds(reference, rounds);
            var compiled = StreamingDecoders.Compile(new DecoderRegistry(new MwpmDecoderFactory()), "mwpm", model, DecoderOptions.Parse(options));
            var stream = compiled.CreateStreamingDecoder();
            var whole = new MwpmDecoderFactory().Compile(model, DecoderOptions.Empty).CreateDecoder();
            var sampler = new RepeatBlockSampler(model, 1);
            var all = new byte[shots][];
            for (int s = 0; s < shots; s++)
            {
                all[s] = new byte[sampler.DetectorBytes];
                sampler.Sample(all[s]);
            }
            var layout = compiled.Layout;
            var round = new byte[(layout.MaxRoundSize + 7) >> 3];
            var flips = new byte[Math.Max(1, (layout.NumObservables + 7) >> 3)];
            double windows = 0;
            foreach (var shot in all)
            {
                StreamShot(stream, layout, shot, round, flips);
                windows += stream is SlidingWindowDecoder sliding ? sliding.WindowsDecoded : double.NaN;
            }
            windows /= shots;
            double streamed = Best(() => { foreach (var shot in all) StreamShot(stream, layout, shot, round, flips); }, seconds, wallClock: threads > 1) / shots / rounds;
            double wholeShot = Best(() => { foreach (var shot in all) whole.Decode(shot, flips); }, seconds) / shots / rounds;
            double windowRounds = windows * compiled.Window / rounds;
            Console.WriteLine($"{rounds} | {compiled.Window} | {compiled.Commit} | {windows:F2} | {windowRounds:F2} | {streamed:F3} | {wholeShot:F3} | " +
                              $"{streamed / wholeShot:F2} | {streamed / windowRounds / wholeShot:F2}");
        }
    }

    private static void StreamShot(IStreamingDecoder stream, RoundLayout layout, byte[] shot, byte[] round, byte[] flips)
    {
        stream.Reset();
        for (int r = 0; r < layout.NumRounds; r++)
        {
            int size = layout.RoundSize(r);
            RoundBits.Slice(shot, layout.RoundFirstDetector(r), size, round);
            stream.PushRound(r, round.AsSpan(0, (size + 7) >> 3), flips);
        }
        stream.Finish(flips);
    }

    // µs of thread CPU (or wall clock, for decoders that use other threads too) per pass: best of three
    // measurements, each of whole passes for at least the given seconds.
    private static double Best(Action pass, int seconds, bool wallClock = false)
    {
        pass();
        double best = double.MaxValue;
        for (int k = 0; k < 3; k++)
        {
            long start = ThreadCpuClock.Nanoseconds(), passes = 0;
            var wall = Stopwatch.StartNew();
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                pass();
                passes++;
            }
            double micros = wallClock ? wall.Elapsed.TotalMicroseconds : (ThreadCpuClock.Nanoseconds() - start) / 1e3;
            best = Math.Min(best, micros / passes);
        }
        return best;
    }
}

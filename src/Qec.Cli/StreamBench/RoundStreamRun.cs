using System.Diagnostics;
using System.Runtime.CompilerServices;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using HdrHistogram;
using Qec.Matching.Streaming;

namespace Qec.Cli.StreamBench;

/// <summary>What one round-streaming measurement does.</summary>
/// <param name="Decoder">Registry name of the decoder.</param>
/// <param name="Options">Decoder and streaming options (window, commit, distance, …).</param>
/// <param name="Shots">Shots measured (one more, unmeasured, warms up first).</param>
/// <param name="Seed">Sampler seed.</param>
/// <param name="RoundPeriodMicros">A round arrives every this many µs (for the backlog).</param>
/// <param name="WholeShotBaselineMaxRounds">Also time whole-shot decoding of the same shots when the model has at most this many rounds.</param>
/// <param name="Paced">
/// Push round r no earlier than r round periods after the shot's first push (as hardware would deliver them), and
/// measure the latency after the final round from its scheduled arrival, so a decoder that runs behind pays for it
/// (without pacing, rounds are pushed back to back and the latency is the last push plus <c>Finish</c>).
/// </param>
public sealed record RoundStreamSettings(string Decoder, DecoderOptions Options, int Shots, ulong Seed, double RoundPeriodMicros,
    int WholeShotBaselineMaxRounds = 5000, bool Paced = false);

/// <summary>
/// Measures streaming decoding of one model the way a controller drives it: shots sampled from the
/// repeat-block model (never flattened), pushed round by round with every push timed, then
/// <see cref="IStreamingDecoder.Finish"/> timed; the latency after the final round = the push of the last
/// round + Finish (what a controller waits for once it has sent the last round). Per-round decode
/// time = all pushes of a shot ÷ its rounds (timer overhead, ≈ 20 ns a push, included). Backlog: rounds
/// arrive every <see cref="RoundStreamSettings.RoundPeriodMicros"/> and the decoder takes them in order, each
/// as long as its push took (Lindley's recursion: done_r = max(done_{r−1}, arrival_r) + push_r; backlog_r =
/// (done_r − arrival_r) / period). That replay gives the same queue as a live producer thread on an
/// otherwise idle core, without a second thread disturbing the timings.
/// </summary>
public static class RoundStreamRun
{
    /// <summary>Seconds of unmeasured shots before measuring (at least one shot).</summary>
    public const double WarmupSeconds = 1.5;

    /// <summary>Runs the measurement on <paramref name="model"/> (already of the wanted length).</summary>
    public static RoundStreamResult Measure(DecoderRegistry registry, DetectorErrorModel model, RoundStreamSettings settings)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(settings);
        long c0 = Stopwatch.GetTimestamp();
        var compiled = StreamingDecoders.Compile(registry, settings.Decoder, model, settings.Options);
        double compileMs = Stopwatch.GetElapsedTime(c0).TotalMilliseconds;
        var layout = compiled.Layout;
        int rounds = layout.NumRounds;
        var stream = compiled.CreateStreamingDecoder();
        var sampler = new RepeatBlockSampler(model, settings.Seed);
        var warmupSampler = new RepeatBlockSampler(model, settings.Seed ^ 0x9E3779B97F4A7C15); // measured shots = the seed's first shots
        var shot = new byte[sampler.DetectorBytes];
        var round = new byte[(layout.MaxRoundSize + 7) >> 3];
        var finish = new double[settings.Shots];
        var pushes = new LongHistogram(1_000_000_000, 3); // push times in ns, constant memory
        var backlog = new BacklogSeries(rounds, settings.RoundPeriodMicros);
        IDecoder? whole = rounds <= settings.WholeShotBaselineMaxRounds && registry.TryGet(settings.Decoder, out var factory)
            ? factory.Compile(model, settings.Options).CreateDecoder()
            : null;
        int observableBytes = Math.Max(1, (layout.NumObservables + 7) >> 3);
        var frame = new byte[observableBytes];
        var prediction = new byte[observableBytes];
        long events = 0, alloc = 0, errors = 0, wholeTicks = 0;
        double pushMicros = 0;
        long warmUntil = Stopwatch.GetTimestamp() + (long)(WarmupSeconds * Stopwatch.Frequency);
        for (int s = -1; s < settings.Shots; s++)
        {
            bool measured = s >= 0;
            ulong truth = (measured ? sampler : warmupSampler).Sample(shot);
            stream.Reset();
            backlog.BeginShot(rounds);
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            double finishMicros = StreamShot(stream, layout, shot, round, frame, prediction, measured ? pushes : null, backlog, ref pushMicros,
                settings.Paced ? settings.RoundPeriodMicros : 0);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
            if (!measured)
            {
                whole?.Decode(shot, prediction);
                // Warm-up shots (unmeasured) for WarmupSeconds: off-schedule window graphs get compiled, scratch
                // lists sized, and the JIT promotes the hot methods (0.5 s was measured too short: the first length
                // measured then ran 2–3× slower than the same length measured again).
                s = Stopwatch.GetTimestamp() < warmUntil ? -2 : -1;
                continue;
            }
            finish[s] = finishMicros;
            alloc += allocated;
            events += PopCount(shot);
            errors += (Word(prediction) ^ truth) != 0 ? 1 : 0;
            if (whole is not null)
            {
                whole.Decode(shot, prediction); // the same cache state for the timed call as the stream had
                long w0 = Stopwatch.GetTimestamp();
                whole.Decode(shot, prediction);
                wholeTicks += Stopwatch.GetTimestamp() - w0;
            }
        }
        // The decoder's memory: everything live with the compiled decoder and the stream kept alive, less the
        // harness's shot buffer (3 bytes per round at d = 5, which a server never holds) and whole-shot baseline.
        double wholeMicrosPerRound = whole is null ? double.NaN : Micros(wholeTicks) / settings.Shots / rounds;
        whole = null;
        double heap = (GC.GetTotalMemory(forceFullCollection: true) - shot.Length) / 1e6;
        GC.KeepAlive(stream);
        GC.KeepAlive(compiled);
        return new RoundStreamResult(
            Rounds: rounds,
            Detectors: layout.NumDetectors,
            Shots: settings.Shots,
            Window: compiled.Window,
            Commit: compiled.Commit,
            Note: compiled.Note,
            EventsPerRound: (double)events / settings.Shots / rounds,
            LogicalErrors: errors,
            FinishMicros: Summary.Of(finish),
            PushMicros: new Summary((int)pushes.TotalCount, pushes.GetValueAtPercentile(50) / 1e3, pushes.GetValueAtPercentile(99) / 1e3, pushes.GetMaxValue() / 1e3, pushes.GetMean() / 1e3),
            DecodeMicrosPerRound: pushMicros / settings.Shots / rounds,
            WholeShotMicrosPerRound: double.IsNaN(wholeMicrosPerRound) ? null : wholeMicrosPerRound,
            AllocatedBytesPerShot: (double)alloc / settings.Shots,
            HeapMegabytes: heap,
            WorkingSetMegabytes: Environment.WorkingSet / 1e6,
            CompileMillis: compileMs,
            Backlog: backlog);
    }

    /// <summary>
    /// Pushes every round of one sampled shot (each push timed; with <paramref name="pushes"/>, recorded with
    /// the backlog) and finishes it; returns the latency after the last round: its push + Finish, µs. The loop
    /// touches only the shot (read in order, as a controller's rounds arrive) and constant-size state: a
    /// harness that streamed through megabytes of its own arrays would evict the decoder's memory, which a
    /// server reading rounds from a recycled network buffer does not. Compiled fully optimized from the first
    /// call: as a part of <see cref="Measure"/> it ran as on-stack-replaced, profile-guided code whose cost
    /// around the Finish call changed with the experiment's length (measured: latency after the last round
    /// 0.4 µs at 10 rounds vs 1.1–1.2 µs at 100,000 under default tiering, 1.2× apart with DOTNET_TieredPGO=0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double StreamShot(IStreamingDecoder stream, RoundLayout layout, byte[] shot, byte[] round, byte[] frame, byte[] prediction,
        LongHistogram? pushes, BacklogSeries backlog, ref double pushMicros, double pacedPeriodMicros)
    {
        int rounds = layout.NumRounds;
        double lastPush = 0;
        long start = Stopwatch.GetTimestamp(), due = start;
        double periodTicks = pacedPeriodMicros * Stopwatch.Frequency / 1e6;
        for (int r = 0; r < rounds; r++)
        {
            int size = layout.RoundSize(r);
            var packed = round.AsSpan(0, (size + 7) >> 3);
            RoundBits.Slice(shot, layout.RoundFirstDetector(r), size, packed);
            if (periodTicks > 0)
            {
                due = start + (long)(r * periodTicks);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.SpinWait(1);
                }
            }
            long p0 = Stopwatch.GetTimestamp();
            stream.PushRound(r, packed, frame);
            long ticks = Stopwatch.GetTimestamp() - p0;
            lastPush = Micros(ticks);
            if (pushes is not null)
            {
                pushMicros += lastPush;
                pushes.RecordValue(Math.Max(1, (long)(lastPush * 1e3)));
                backlog.Add(r, lastPush, stream.CommittedRounds);
            }
        }
        long f0 = Stopwatch.GetTimestamp();
        stream.Finish(prediction);
        long done = Stopwatch.GetTimestamp();
        return periodTicks > 0 ? Micros(done - due) : lastPush + Micros(done - f0);
    }

    // Stopwatch ticks to µs without TimeSpan's 100 ns rounding.
    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static long PopCount(byte[] bytes)
    {
        long n = 0;
        foreach (byte b in bytes)
        {
            n += System.Numerics.BitOperations.PopCount(b);
        }
        return n;
    }

    private static ulong Word(byte[] b8)
    {
        ulong w = 0;
        for (int i = 0; i < Math.Min(8, b8.Length); i++)
        {
            w |= (ulong)b8[i] << (8 * i);
        }
        return w;
    }
}

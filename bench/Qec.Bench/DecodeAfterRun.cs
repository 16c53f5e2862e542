using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;

namespace Qec.Bench;

/// <summary>
/// <c>decode-after [--case sc_rmz_d05_r05_p0.001 --shots 200000 --gap-us 20]</c>: the machine's floor for the
/// in-server decoder time (issue 14, deliverable 4). One thread decodes sampled shots of a reference DEM with
/// <c>mwpm</c>, timing each call alone (Stopwatch, as the server does), with something different between calls:
/// nothing (back to back, the offline figure); a spin on the clock for the gap (time passes, nothing runs);
/// a loopback UDP send and receive on the same thread (what a server thread does between shots); that UDP
/// round trip with the decode handed to a second thread spinning on a counter (a dedicated decoder core);
/// a 1 ms sleep (the thread blocks, the vCPU may halt). Each mode three times after a long warm-up (tier-1
/// code); the table gives the best of three medians and its ratio to back to back.
/// </summary>
internal static class DecodeAfterRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("decode-after", rest, "case", "shots", "gap-us");
        string name = args.Text("case", "sc_rmz_d05_r05_p0.001");
        int shots = args.Int("shots", 200_000);
        int gapMicros = args.Int("gap-us", 20);
        var model = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
        var sampler = new DemSampler(model);
        var (detections, _) = sampler.Sample(shots, 1);
        var bench = new Bench(new MwpmDecoderFactory().Compile(model, DecoderOptions.Parse([])).CreateDecoder(), detections, sampler.DetectorBytesPerShot, shots);
        for (int warm = 0; warm < 5; warm++)
        {
            bench.Time(() => { }, shots);
        }
        long gapTicks = gapMicros * Stopwatch.Frequency / 1_000_000;
        using var udp = new LoopbackUdp();
        Console.WriteLine($"{name}, {shots} shots, mwpm, one thread; µs per decode call (best of 3 medians)");
        Console.WriteLine("between calls | p50 | p90 | mean | p50 ÷ back to back");
        double baseline = 0;
        foreach (var (label, between, handOff, count) in new (string, Action, bool, int)[]
        {
            ("nothing (back to back)", () => { }, false, shots),
            ($"spin {gapMicros} µs on the clock", () => SpinFor(gapTicks), false, shots),
            ("loopback UDP send + receive, same thread", udp.RoundTrip, false, shots),
            ("loopback UDP send + receive, decode on a spinning second thread", udp.RoundTrip, true, shots),
            ("sleep 1 ms", () => Thread.Sleep(1), false, Math.Min(shots, 3_000)),
        })
        {
            var best = Enumerable.Range(0, 3).Select(_ => handOff ? bench.TimeHandedOff(between, count) : bench.Time(between, count)).MinBy(p => p.P50)!;
            baseline = baseline == 0 ? best.P50 : baseline;
            Console.WriteLine($"{label} | {best.P50:F3} | {best.P90:F3} | {best.Mean:F3} | {best.P50 / baseline:F2}");
        }
    }

    private static void SpinFor(long ticks)
    {
        long until = Stopwatch.GetTimestamp() + ticks;
        while (Stopwatch.GetTimestamp() < until)
        {
        }
    }

    private sealed record Stats(double P50, double P90, double Mean);

    /// <summary>The decoder, the shots and the timing loops.</summary>
    private sealed class Bench(IDecoder decoder, byte[] detections, int bytesPerShot, int shots)
    {
        private readonly byte[] _flips = new byte[8];
        private long _posted, _done, _decodeTicks;
        private int _shot;

        public Stats Time(Action between, int count)
        {
            var ticks = new long[count];
            for (int s = 0; s < count; s++)
            {
                between();
                long start = Stopwatch.GetTimestamp();
                decoder.Decode(Shot(s), _flips);
                ticks[s] = Stopwatch.GetTimestamp() - start;
            }
            return Summarize(ticks);
        }

        /// <summary>As <see cref="Time"/>, but a second thread decodes: it spins on a counter the caller bumps after <paramref name="between"/>.</summary>
        public Stats TimeHandedOff(Action between, int count)
        {
            var ticks = new long[count];
            _posted = _done = 0;
            var worker = new Thread(Work) { IsBackground = true };
            worker.Start();
            for (int s = 0; s < count; s++)
            {
                between();
                _shot = s;
                Volatile.Write(ref _posted, s + 1);
                while (Volatile.Read(ref _done) != s + 1)
                {
                }
                ticks[s] = _decodeTicks;
            }
            Volatile.Write(ref _posted, -1);
            worker.Join();
            return Summarize(ticks);
        }

        private void Work()
        {
            long seen = 0;
            while (true)
            {
                long next;
                while ((next = Volatile.Read(ref _posted)) == seen)
                {
                }
                if (next < 0)
                {
                    return;
                }
                seen = next;
                long start = Stopwatch.GetTimestamp();
                decoder.Decode(Shot(_shot), _flips);
                _decodeTicks = Stopwatch.GetTimestamp() - start;
                Volatile.Write(ref _done, seen);
            }
        }

        private ReadOnlySpan<byte> Shot(int s) => detections.AsSpan(s % shots * bytesPerShot, bytesPerShot);

        private static Stats Summarize(long[] ticks)
        {
            Array.Sort(ticks);
            double micros = 1e6 / Stopwatch.Frequency;
            return new Stats(ticks[ticks.Length / 2] * micros, ticks[ticks.Length * 9 / 10] * micros, ticks.Average() * micros);
        }
    }

    /// <summary>Two UDP sockets on loopback; a round trip is one 32-byte datagram sent and received.</summary>
    private sealed class LoopbackUdp : IDisposable
    {
        private readonly Socket _sender = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Socket _receiver = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly byte[] _message = new byte[32];
        private readonly byte[] _buffer = new byte[64];

        public LoopbackUdp()
        {
            _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _sender.Connect(_receiver.LocalEndPoint!);
        }

        public void RoundTrip()
        {
            _sender.Send(_message);
            _receiver.Receive(_buffer);
        }

        public void Dispose()
        {
            _sender.Dispose();
            _receiver.Dispose();
        }
    }
}

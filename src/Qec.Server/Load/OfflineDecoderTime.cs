using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Server.Decoding;

namespace Qec.Server.Load;

/// <summary>
/// The offline reference for the decoder time a server reports (issue 14, in-server decode time): the
/// shots of a run decoded one at a time, back to back, by a decoder of the same model and options in
/// this process, each call timed as <see cref="ShotDecoder"/> times it (Stopwatch around the decode
/// call alone). The server's decoder-time p50 divided by this p50 is what serving costs the decoder:
/// caches and branch predictors cooled by the network stack and the sleep between shots.
/// Paced (a gap between calls, spent spinning on the clock: no system calls, no sleep) it is the
/// machine's floor for a decoder that waits between shots: on the 2-core VM a decode that starts
/// 20 µs after the previous one takes ~1.6× a back-to-back one with nothing else running
/// (bench/RESULTS.md, "In-server decoder time"). Cold (a buffer larger than the core's caches written
/// through before each call) it is the floor for a decode whose data other work has evicted.
/// </summary>
public static class OfflineDecoderTime
{
    /// <summary>Bytes written through before each cold call: 4 MiB, eight times the VM's 512 KiB L2.</summary>
    public const int ColdEvictionBytes = 4 << 20;

    /// <summary>
    /// Decodes pool shots 0 … <paramref name="warmupShots"/> − 1 untimed, then times the next
    /// <paramref name="shots"/> (run shot s is pool shot s mod Count, as the load generator sends them),
    /// waiting <paramref name="gapMicros"/> µs (spinning) before each timed call, and first writing one
    /// byte per cache line of an <paramref name="evictionBytes"/>-byte buffer (0: none).
    /// </summary>
    public static Percentiles Measure(ICompiledDecoder compiled, ShotPool pool, long warmupShots, long shots, double gapMicros = 0,
        int evictionBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(pool);
        var decoder = compiled.CreateDecoder();
        var flips = new byte[pool.ObservableBytes];
        for (long s = 0; s < warmupShots; s++)
        {
            decoder.Decode(pool.Shot(s), flips);
        }
        var samples = new long[shots];
        var eviction = new byte[evictionBytes];
        long gapTicks = (long)(gapMicros * Stopwatch.Frequency / 1e6);
        for (long s = 0; s < shots; s++)
        {
            var shot = pool.Shot(warmupShots + s);
            long until = Stopwatch.GetTimestamp() + gapTicks;
            while (Stopwatch.GetTimestamp() < until)
            {
            }
            for (int i = 0; i < eviction.Length; i += 64)
            {
                eviction[i]++;
            }
            long start = Stopwatch.GetTimestamp();
            decoder.Decode(shot, flips);
            samples[s] = ShotDecoder.ElapsedNs(start);
        }
        return Percentiles.Of(samples, 1e-3);
    }
}

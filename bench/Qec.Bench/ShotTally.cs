using System.Diagnostics;
using Qec.BeliefPropagation.Decoders;
using Qec.Core.Decoding;

namespace Qec.Bench;

/// <summary>
/// What one thread decoding a run of shots gave: logical errors (shots with any observable predicted
/// wrong), for the BP family the shots BP left unsolved and its iterations, and the wall time.
/// </summary>
/// <param name="Shots">Shots decoded.</param>
/// <param name="Errors">Shots whose predicted observables differ from the true ones.</param>
/// <param name="NotConverged">BP family: shots where BP did not converge (bp, and bposd before OSD) or no Relay leg found a solution; 0 for other decoders.</param>
/// <param name="Iterations">BP family: BP iterations summed over the shots (over all legs for relaybp).</param>
/// <param name="Seconds">Wall time of the whole run, on one thread.</param>
internal readonly record struct ShotTally(int Shots, int Errors, int NotConverged, long Iterations, double Seconds)
{
    /// <summary>Mean wall time per shot.</summary>
    public double MicrosPerShot => Seconds * 1e6 / Shots;

    /// <summary>Mean BP iterations per shot.</summary>
    public double MeanIterations => (double)Iterations / Shots;

    /// <summary>
    /// Decodes shots <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of
    /// <paramref name="dets"/> (b8, back to back) with <paramref name="decoder"/> and compares them with
    /// <paramref name="obs"/> (b8-packed observables).
    /// </summary>
    public static ShotTally Decode(IDecoder decoder, byte[] dets, byte[] obs, int first, int count)
    {
        int db = decoder.DetectorBytes, ob = decoder.ObservableBytes, errors = 0, notConverged = 0;
        long iterations = 0;
        var flips = new byte[ob];
        var bp = decoder as BpDecoder;
        var clock = Stopwatch.StartNew();
        for (int s = first; s < first + count; s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
            errors += flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob)) ? 0 : 1;
            if (bp is not null)
            {
                notConverged += bp.LastUsedOsd || !bp.LastConverged ? 1 : 0;
                iterations += bp.LastIterations;
            }
        }
        return new ShotTally(count, errors, notConverged, iterations, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// <see cref="Decode"/> of the first <paramref name="shots"/> shots after <see cref="WarmUp"/> on them, so the
    /// time is of the steady state (tier-1 JIT of the decoder and of this loop, warm caches).
    /// </summary>
    public static ShotTally DecodeWarm(IDecoder decoder, byte[] dets, byte[] obs, int shots, TimeSpan warmUp)
    {
        WarmUp(shots, warmUp, (first, count) => Decode(decoder, dets, obs, first, count));
        return Decode(decoder, dets, obs, 0, shots);
    }

    /// <summary>
    /// Calls <paramref name="decodeRange"/>(first, count) on consecutive chunks of 64 of the <paramref name="shots"/>
    /// shots, round and round, for <paramref name="duration"/> (at least once): every kind of shot is seen, and the
    /// caller's own loop is called often enough for tiered compilation to replace it and the decoder's code with
    /// optimized code before the timed run. Short for a slow decoder.
    /// </summary>
    public static void WarmUp(int shots, TimeSpan duration, Action<int, int> decodeRange)
    {
        const int Chunk = 64;
        var clock = Stopwatch.StartNew();
        int first = 0;
        do
        {
            decodeRange(first, Math.Min(Chunk, shots - first));
            first = first + Chunk < shots ? first + Chunk : 0;
        }
        while (clock.Elapsed < duration);
    }
}

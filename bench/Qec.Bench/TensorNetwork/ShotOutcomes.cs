using System.Diagnostics;
using System.Globalization;
using Qec.Core.Decoding;

namespace Qec.Bench.TensorNetwork;

/// <summary>
/// Which shots a decoder (or a file of another decoder's predictions) got wrong, so that decoders can be
/// compared shot by shot on the same shots; and the core time it took.
/// </summary>
/// <param name="Wrong">Per shot: some observable predicted wrong.</param>
/// <param name="CoreSeconds">Wall time of the decoding loops summed over threads (NaN for predictions read from a file).</param>
internal sealed record ShotOutcomes(bool[] Wrong, double CoreSeconds)
{
    /// <summary>Shots each thread decodes untimed first (JIT, buffers), then again timed.</summary>
    private const int WarmUpShots = 32;

    /// <summary>Logical errors.</summary>
    public int Errors => Wrong.Count(w => w);

    /// <summary>Core µs per shot (wall time of each thread's loop, summed).</summary>
    public double MicrosPerShot => CoreSeconds * 1e6 / Wrong.Length;

    /// <summary>
    /// Decodes the first <paramref name="shots"/> shots of <paramref name="dets"/> (b8, back to back) on
    /// <paramref name="threads"/> threads (contiguous ranges, one decoder each) and compares them with
    /// <paramref name="obs"/> (b8-packed observables).
    /// </summary>
    public static ShotOutcomes Decode(ICompiledDecoder compiled, byte[] dets, byte[] obs, int shots, int threads)
    {
        var wrong = new bool[shots];
        double seconds = TimedRanges(shots, threads, (first, end) =>
        {
            var decoder = compiled.CreateDecoder();
            int db = decoder.DetectorBytes, ob = decoder.ObservableBytes;
            var flips = new byte[ob];
            for (int s = first; s < Math.Min(end, first + WarmUpShots); s++)
            {
                decoder.Decode(dets.AsSpan(s * db, db), flips);
            }
            return () =>
            {
                for (int s = first; s < end; s++)
                {
                    decoder.Decode(dets.AsSpan(s * db, db), flips);
                    wrong[s] = !flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob));
                }
            };
        });
        return new ShotOutcomes(wrong, seconds);
    }

    /// <summary>
    /// Splits <paramref name="shots"/> into <paramref name="threads"/> contiguous ranges, one thread each:
    /// <paramref name="prepare"/>(first, end) sets up untimed and returns the timed loop; returns the timed
    /// loops' wall seconds summed (core seconds).
    /// </summary>
    public static double TimedRanges(int shots, int threads, Func<int, int, Action> prepare)
    {
        var seconds = new double[threads];
        int chunk = (shots + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int first = Math.Min(shots, t * chunk), end = Math.Min(shots, first + chunk);
            var loop = prepare(first, end);
            var clock = Stopwatch.StartNew();
            loop();
            seconds[t] = clock.Elapsed.TotalSeconds;
        });
        return seconds.Sum();
    }

    /// <summary>Outcomes of predictions made elsewhere: <paramref name="predicted"/> and <paramref name="obs"/> both b8-packed, <paramref name="observableBytes"/> per shot.</summary>
    public static ShotOutcomes Of(byte[] predicted, byte[] obs, int observableBytes, int shots)
    {
        var wrong = new bool[shots];
        for (int s = 0; s < shots; s++)
        {
            wrong[s] = !predicted.AsSpan(s * observableBytes, observableBytes).SequenceEqual(obs.AsSpan(s * observableBytes, observableBytes));
        }
        return new ShotOutcomes(wrong, double.NaN);
    }

    /// <summary>
    /// "a | b | (b − a) ± h" cells: shots only this one got wrong, shots only <paramref name="other"/> got
    /// wrong, and their difference (= other's errors − this one's) with McNemar's 95% half-width
    /// 1.96·√(a + b) (the two decoders' errors on the same shots differ only on these discordant shots).
    /// </summary>
    public string Discordant(ShotOutcomes other)
    {
        int onlyThis = 0, onlyOther = 0;
        for (int s = 0; s < Wrong.Length; s++)
        {
            onlyThis += Wrong[s] && !other.Wrong[s] ? 1 : 0;
            onlyOther += other.Wrong[s] && !Wrong[s] ? 1 : 0;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{onlyThis} | {onlyOther} | {onlyOther - onlyThis:+0;−0;0} ± {1.96 * Math.Sqrt(onlyThis + onlyOther):0.0}");
    }
}

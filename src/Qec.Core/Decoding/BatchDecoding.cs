namespace Qec.Core.Decoding;

/// <summary>
/// Decodes many bit-packed shots with any compiled decoder, on one thread or split into contiguous
/// blocks over several threads (each thread with its own <see cref="IDecoder"/>, since instances
/// are not thread-safe), each block handed to the thread's decoder as one <see cref="IDecoder.DecodeBatch"/>
/// call. A decoder that <see cref="IDecoder.PrefersBatches"/> (a GPU path) gets the
/// whole batch in one <see cref="IDecoder.DecodeBatch"/> call instead, whatever the thread count.
/// Shots are independent, so the result does not depend on the thread count or the path.
/// </summary>
public static class BatchDecoding
{
    /// <summary>
    /// Decodes <paramref name="shots"/> consecutive b8-packed shots of <paramref name="detectionEvents"/>
    /// (ceil(NumDetectors/8) bytes each) into <paramref name="observableFlips"/> (ceil(NumObservables/8)
    /// bytes each) using <paramref name="threads"/> threads (1 = the calling thread only), or with one
    /// <see cref="IDecoder.DecodeBatch"/> call on the calling thread when the decoder prefers batches.
    /// </summary>
    public static void DecodeAll(ICompiledDecoder compiled, ReadOnlyMemory<byte> detectionEvents,
        Memory<byte> observableFlips, int shots, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        int db = (compiled.NumDetectors + 7) >> 3, ob = (compiled.NumObservables + 7) >> 3;
        if (shots < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shots), $"shots must be ≥ 0, got {shots}");
        }
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), $"threads must be ≥ 1, got {threads}");
        }
        if ((long)shots * db > detectionEvents.Length || (long)shots * ob > observableFlips.Length)
        {
            throw new ArgumentException(
                $"{shots} shots need {(long)shots * db} detection-event bytes (have {detectionEvents.Length}) and " +
                $"{(long)shots * ob} observable bytes (have {observableFlips.Length})");
        }
        var first = compiled.CreateDecoder();
        if (first.PrefersBatches)
        {
            first.DecodeBatch(detectionEvents.Span[..(shots * db)], observableFlips.Span[..(shots * ob)], shots);
            return;
        }
        threads = Math.Max(1, Math.Min(threads, shots));
        if (threads == 1)
        {
            DecodeRange(first, detectionEvents.Span, observableFlips.Span, 0, shots, db, ob);
            return;
        }
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int begin = (int)((long)shots * t / threads), end = (int)((long)shots * (t + 1) / threads);
            DecodeRange(t == 0 ? first : compiled.CreateDecoder(), detectionEvents.Span, observableFlips.Span, begin, end, db, ob);
        });
    }

    /// <summary>One thread's contiguous block, as one batch call (a decoder with a faster batch form — e.g. BP's vector lanes — uses it; the default loops over Decode).</summary>
    private static void DecodeRange(IDecoder decoder, ReadOnlySpan<byte> dets, Span<byte> obs, int begin, int end, int db, int ob) =>
        decoder.DecodeBatch(dets.Slice(begin * db, (end - begin) * db), obs.Slice(begin * ob, (end - begin) * ob), end - begin);
}

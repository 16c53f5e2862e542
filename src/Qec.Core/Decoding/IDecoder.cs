namespace Qec.Core.Decoding;

/// <summary>
/// Extra results of one decode. <see cref="Weight"/>: total weight of the chosen correction in
/// ln-likelihood units (Σ ln((1-p)/p)), NaN when the decoder has none. <see cref="SoftOutput"/>: a
/// decoder-specific confidence (posterior log-likelihood ratio or weight gap), NaN when unsupported.
/// </summary>
public readonly record struct DecodeInfo(double Weight, double SoftOutput)
{
    /// <summary>No weight, no soft output.</summary>
    public static DecodeInfo None => new(double.NaN, double.NaN);
}

/// <summary>
/// A decoder instance that owns its scratch memory: not thread-safe, reused shot after shot without
/// allocating. A shot's prediction must not depend on the shots the instance decoded before it: batch
/// paths and parallel windows split shots over instances and threads. Detection events are bit-packed
/// as Stim's b8 (detector k in byte k&gt;&gt;3, bit k&amp;7); so are the predicted observable flips.
/// </summary>
public interface IDecoder
{
    /// <summary>Detectors per shot.</summary>
    int NumDetectors { get; }

    /// <summary>Observables per shot.</summary>
    int NumObservables { get; }

    /// <summary>Bytes of one packed shot of detection events: ceil(NumDetectors / 8).</summary>
    int DetectorBytes => (NumDetectors + 7) >> 3;

    /// <summary>Bytes of one packed prediction: ceil(NumObservables / 8).</summary>
    int ObservableBytes => (NumObservables + 7) >> 3;

    /// <summary>
    /// True when <see cref="DecodeBatch"/> is much faster per shot than repeated <see cref="Decode"/> (a GPU
    /// path): batch paths (the server's batch calls, offline comparison) then hand it whole batches
    /// rather than splitting them over threads. False by default.
    /// </summary>
    bool PrefersBatches => false;

    /// <summary>Decodes one shot: writes the predicted observable flips (all ObservableBytes bytes).</summary>
    void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips);

    /// <summary>Decodes one shot and reports weight and soft output where the decoder has them.</summary>
    DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        Decode(detectionEvents, observableFlips);
        return DecodeInfo.None;
    }

    /// <summary>Decodes <paramref name="shots"/> consecutive packed shots.</summary>
    void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
    {
        int db = DetectorBytes, ob = ObservableBytes;
        if (detectionEvents.Length < shots * db || observableFlips.Length < shots * ob)
        {
            throw new ArgumentException($"batch of {shots} shots needs {shots * db} detection bytes and {shots * ob} observable bytes");
        }
        for (int s = 0; s < shots; s++)
        {
            Decode(detectionEvents.Slice(s * db, db), observableFlips.Slice(s * ob, ob));
        }
    }
}

/// <summary>
/// A decoder compiled for one detector error model: immutable and thread-safe, shared by every
/// session using the same model and options. Each thread decodes through its own <see cref="CreateDecoder"/>.
/// </summary>
public interface ICompiledDecoder
{
    /// <summary>Registry name of the decoder (e.g. "mwpm").</summary>
    string Name { get; }

    /// <summary>Detectors per shot.</summary>
    int NumDetectors { get; }

    /// <summary>Observables per shot.</summary>
    int NumObservables { get; }

    /// <summary>A fresh instance with its own scratch memory.</summary>
    IDecoder CreateDecoder();
}

/// <summary>Compiles a decoder for a detector error model. One per decoder kind, kept in a <see cref="DecoderRegistry"/>.</summary>
public interface IDecoderFactory
{
    /// <summary>Short lowercase name used on the command line and the wire (e.g. "mwpm", "uf").</summary>
    string Name { get; }

    /// <summary>One line saying what the decoder does.</summary>
    string Description { get; }

    /// <summary>Builds everything that depends only on the model; throws <see cref="ArgumentException"/> on a model it cannot decode.</summary>
    ICompiledDecoder Compile(Dem.DetectorErrorModel model, DecoderOptions options);
}

using Qec.Core.Dem;

namespace Qec.Core.Sampling;

/// <summary>
/// Samples detection events and observable flips from a detector error model. Every error
/// mechanism i fires independently with probability p_i; a fired mechanism flips (XOR) each of its
/// detectors and observables (the <c>^</c> separators of a decomposed error are ignored: all of its
/// components fire together). Output is Stim's <c>b8</c> layout, shot-major: shot s occupies
/// <see cref="DetectorBytesPerShot"/> bytes of detection events starting at byte
/// s·DetectorBytesPerShot, detector k in byte k/8, bit k%8 (little-endian within the byte), and the
/// same for observables with <see cref="ObservableBytesPerShot"/>; padding bits are zero.
/// <para>
/// Speed: the sampler never draws one random number per mechanism per shot. Mechanisms are
/// grouped by equal probability (a DEM has few distinct values); for a group of m mechanisms of
/// probability p, the shots × m Bernoulli(p) trials are read as one long stream in shot-major order
/// and the sampler jumps from one success to the next with a geometric variate ⌊E / (−ln(1−p))⌋,
/// E ~ Exponential(1) drawn by the ziggurat method (Devroye, "Non-Uniform Random Variate
/// Generation", 1986, ch. X.2 for the geometric; Marsaglia and Tsang 2000 for E). Work is
/// proportional to the number of mechanisms that fire plus the output size. Output is produced in
/// blocks of shots small enough to stay in cache; within a block the successes are collected first
/// and applied second, with the mechanisms' target records prefetched.
/// </para>
/// <para>
/// Randomness: each probability group owns an independent <see cref="Xoshiro256StarStar"/>
/// stream; the seeds of the streams are successive SplitMix64 outputs from the caller's seed, in
/// the order in which each distinct probability first appears in the flattened model. Because a
/// group's stream is indexed by (shot, mechanism) only, the bytes of shot s depend on the seed and
/// the model alone: not on how the shots are split into calls or blocks. Sampling N shots gives
/// exactly the first N shots of sampling M ≥ N shots with the same seed, and concatenating the
/// batches of a <see cref="DemSampleStream"/> gives the same bytes as one call. Same model text,
/// same seed ⇒ same bytes (pinned by a test). Across platforms the bytes agree unless the runtime's
/// Math.Exp, Math.Log or Math.Atanh (ziggurat tables, 1/ln(1−p), rare rejection tests) round
/// differently there.
/// </para>
/// An instance is immutable and thread-safe; each <see cref="DemSampleStream"/> belongs to one thread.
/// </summary>
public sealed class DemSampler
{
    /// <summary>Default number of shots per batch of <see cref="SampleBatches"/>.</summary>
    public const int DefaultBatchShots = 1024;

    /// <summary>Bytes of output per block of shots: small enough that the block stays in L1/L2 cache.</summary>
    private const int BlockBytes = 32 * 1024;

    /// <summary>Builds the sampler of a model (flattens it: repeat blocks are expanded).</summary>
    public DemSampler(DetectorErrorModel model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).Flatten())
    {
    }

    /// <summary>Builds the sampler of a flattened model.</summary>
    public DemSampler(FlatDetectorErrorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        NumDetectors = model.NumDetectors;
        NumObservables = model.NumObservables;
        NumErrors = model.NumErrors;
        DetectorBytesPerShot = (NumDetectors + 7) >> 3;
        ObservableBytesPerShot = (NumObservables + 7) >> 3;
        Tables = SamplerTables.Build(model);
        BlockShots = Math.Max(1, BlockBytes / Math.Max(1, DetectorBytesPerShot + ObservableBytesPerShot));
    }

    /// <summary>Number of detectors (bits of detection events per shot).</summary>
    public int NumDetectors { get; }

    /// <summary>Number of logical observables (bits of observable flips per shot).</summary>
    public int NumObservables { get; }

    /// <summary>Number of error mechanisms in the flattened model (including any with p = 0).</summary>
    public int NumErrors { get; }

    /// <summary>Number of distinct nonzero probabilities (one random stream each).</summary>
    public int NumProbabilityGroups => Tables.GroupSize.Length;

    /// <summary>ceil(NumDetectors / 8): bytes of detection events per shot.</summary>
    public int DetectorBytesPerShot { get; }

    /// <summary>ceil(NumObservables / 8): bytes of observable flips per shot.</summary>
    public int ObservableBytesPerShot { get; }

    internal SamplerTables Tables { get; }

    internal int BlockShots { get; }

    /// <summary>
    /// Samples <paramref name="shots"/> shots with <paramref name="seed"/> into the first
    /// shots·<see cref="DetectorBytesPerShot"/> bytes of <paramref name="detectionEvents"/> and the
    /// first shots·<see cref="ObservableBytesPerShot"/> bytes of <paramref name="observableFlips"/>
    /// (b8, shot-major; bytes beyond those are left untouched). Equivalent to
    /// <c>Start(seed).Next(shots, …)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">shots is negative.</exception>
    /// <exception cref="ArgumentException">a span is too short.</exception>
    public void Sample(int shots, ulong seed, Span<byte> detectionEvents, Span<byte> observableFlips) =>
        Start(seed).Next(shots, detectionEvents, observableFlips);

    /// <summary>
    /// Samples into newly allocated arrays: convenient for tests and small runs.
    /// </summary>
    public (byte[] DetectionEvents, byte[] ObservableFlips) Sample(int shots, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        var dets = new byte[BufferLength(shots, DetectorBytesPerShot, nameof(shots))];
        var obs = new byte[BufferLength(shots, ObservableBytesPerShot, nameof(shots))];
        Sample(shots, seed, dets, obs);
        return (dets, obs);
    }

    /// <summary>
    /// A stream of shots for <paramref name="seed"/>: call <see cref="DemSampleStream.Next"/>
    /// repeatedly for as many shots as needed (e.g. 10^9 written to a file batch by batch).
    /// </summary>
    public DemSampleStream Start(ulong seed) => new(this, seed);

    /// <summary>
    /// Samples <paramref name="shots"/> shots in batches of at most <paramref name="batchShots"/>,
    /// handing each batch to <paramref name="onBatch"/> (the spans are reused: copy what you keep).
    /// The concatenated batches equal <c>Sample(shots, seed, …)</c> for any batch size.
    /// Memory: two buffers of one batch each.
    /// </summary>
    public void SampleBatches(long shots, ulong seed, DemSampleBatchHandler onBatch, int batchShots = DefaultBatchShots)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchShots);
        ArgumentNullException.ThrowIfNull(onBatch);
        int capacity = (int)Math.Min(batchShots, Math.Max(1, shots));
        var dets = new byte[BufferLength(capacity, DetectorBytesPerShot, nameof(batchShots))];
        var obs = new byte[BufferLength(capacity, ObservableBytesPerShot, nameof(batchShots))];
        var stream = Start(seed);
        for (long done = 0; done < shots;)
        {
            int n = (int)Math.Min(capacity, shots - done);
            stream.Next(n, dets, obs);
            onBatch(dets.AsSpan(0, n * DetectorBytesPerShot), obs.AsSpan(0, n * ObservableBytesPerShot), n);
            done += n;
        }
    }

    private static int BufferLength(int shots, int bytesPerShot, string parameter)
    {
        long length = (long)shots * bytesPerShot;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(parameter, shots,
                $"{shots} shots of {bytesPerShot} bytes do not fit in one array: use fewer shots per call");
        }
        return (int)length;
    }
}

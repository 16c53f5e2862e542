using Qec.Core.Decoding;
using Qec.Matching.Mwpm.Driver;

namespace Qec.Matching.Mwpm;

/// <summary>
/// One exact minimum-weight perfect matching decoder instance (sparse blossom). Owns its scratch
/// memory: not thread-safe; reuse it shot after shot (no allocation after warm-up). Create one per
/// thread from <see cref="MwpmCompiledDecoder.CreateDecoder()"/>.
/// </summary>
public sealed class MwpmDecoder : IDecoder
{
    private readonly SparseBlossomEngine _engine;
    private readonly ulong[] _mask;

    internal MwpmDecoder(SparseBlossomEngine engine, int numObservables)
    {
        _engine = engine;
        NumObservables = numObservables;
        _mask = new ulong[engine.Graph.ObservableWords];
    }

    /// <inheritdoc/>
    public int NumDetectors => _engine.Graph.NumNodes;

    /// <inheritdoc/>
    public int NumObservables { get; }

    /// <summary>2C: an integer weight divided by this is in ln((1-p)/p) units (PyMatching's normalising constant).</summary>
    public double NormalisingConstant => _engine.Graph.NormalisingConstant;

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) =>
        DecodeToIntegerWeight(detectionEvents, observableFlips);

    /// <summary>Decodes; <see cref="DecodeInfo.Weight"/> = weight_int / (2C); no soft output (NaN).</summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        long w = DecodeToIntegerWeight(detectionEvents, observableFlips);
        return new DecodeInfo(w / NormalisingConstant, double.NaN);
    }

    /// <summary>
    /// Decodes one b8-packed shot, writes the b8-packed predicted observable flips, and returns the
    /// matching's integer weight (PyMatching's <c>weight_int</c>: Σ 2·round(w·C) over matched edges,
    /// negative-weight edges included), exactly comparable with PyMatching's.
    /// </summary>
    public long DecodeToIntegerWeight(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        int ob = (NumObservables + 7) >> 3;
        if (observableFlips.Length < ob)
        {
            throw new ArgumentException($"observable output needs {ob} bytes for {NumObservables} observables, got {observableFlips.Length}");
        }
        long w = _engine.DecodePacked(detectionEvents, _mask);
        WriteMask(observableFlips[..ob]);
        return w;
    }

    /// <summary>
    /// Decodes a list of detection events (detector indices; a repeated index cancels) into observable
    /// mask words (bit k of word k/64 = observable k; needs ceil(NumObservables/64) words, at least 1)
    /// and returns weight_int.
    /// </summary>
    public long DecodeEvents(ReadOnlySpan<int> detectionEvents, Span<ulong> observableMask) =>
        _engine.DecodeEvents(detectionEvents, observableMask);

    /// <summary>
    /// Decodes like <see cref="DecodeEvents"/> and lists the matched pairs (partner −1 = boundary) for
    /// the sliding-window commit rule. Needs ≤ 64 observables and no negative-weight edges.
    /// </summary>
    internal long DecodeEventsWithMatches(ReadOnlySpan<int> detectionEvents, Span<ulong> observableMask,
        Interop.ScratchList<Interop.MwpmMatch> matches) =>
        _engine.DecodeEventsWithMatches(detectionEvents, observableMask, matches);

    private void WriteMask(Span<byte> output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = (byte)(_mask[i >> 3] >> ((i & 7) << 3));
        }
    }
}

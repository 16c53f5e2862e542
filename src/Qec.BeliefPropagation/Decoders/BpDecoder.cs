using Qec.BeliefPropagation.Lanes;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Options;
using Qec.BeliefPropagation.Osd;
using Qec.BeliefPropagation.Relay;
using Qec.Core.Decoding;

namespace Qec.BeliefPropagation.Decoders;

/// <summary>
/// One decoder instance of the BP family (bp, bposd or relaybp, by its compiled options). Owns its
/// working memory: not thread-safe, no allocation per shot. After each decode,
/// <see cref="LastIterations"/>, <see cref="LastConverged"/>, <see cref="LastUsedOsd"/> and
/// <see cref="Posteriors"/> describe it.
/// </summary>
public sealed class BpDecoder : IDecoder
{
    private readonly BpCompiledDecoder _compiled;
    private readonly ArrayGraphView _graph;
    private readonly ArrayShotState _state;
    private readonly OrderedStatistics? _osd;
    private readonly int _detectorBytes, _observableBytes;
    private LaneBatchDecoder? _lanes;

    internal BpDecoder(BpCompiledDecoder compiled)
    {
        _compiled = compiled;
        _graph = new ArrayGraphView(compiled.Graph);
        _state = new ArrayShotState(compiled.Graph);
        var options = compiled.Options;
        _osd = options.Kind == BpDecoderKind.BpOsd ? new OrderedStatistics(compiled.Graph, options.OsdMethod, options.OsdOrder) : null;
        _detectorBytes = (NumDetectors + 7) >> 3;
        _observableBytes = (NumObservables + 7) >> 3;
    }

    /// <inheritdoc/>
    public int NumDetectors => _compiled.NumDetectors;

    /// <inheritdoc/>
    public int NumObservables => _compiled.NumObservables;

    /// <summary>BP iterations of the last shot (over all legs for relaybp).</summary>
    public int LastIterations { get; private set; }

    /// <summary>Whether the last shot's prediction satisfies its syndrome (BP, OSD or a Relay-BP leg found one).</summary>
    public bool LastConverged { get; private set; }

    /// <summary>Whether OSD ran on the last shot (bposd, BP not converged).</summary>
    public bool LastUsedOsd { get; private set; }

    /// <summary>Relay legs run on the last shot (relaybp; 0 otherwise).</summary>
    public int LastLegs { get; private set; }

    /// <summary>Posterior LLR of every mechanism after the last shot (the soft output per mechanism).</summary>
    public ReadOnlySpan<double> Posteriors => _state.Posteriors;

    /// <summary>The decision of the last shot, one flag per mechanism.</summary>
    public ReadOnlySpan<bool> Decision => LastUsedOsd ? _osd!.Solution : _state.Decisions;

    /// <summary>True when the compiled decoder has a GPU batch path (option <c>device</c>).</summary>
    public bool PrefersBatches => _compiled.Gpu is not null;

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) => Run(detectionEvents, observableFlips, false);

    /// <inheritdoc cref="DecodeBatch(ReadOnlySpan{byte}, Span{byte}, int, Span{int}, Span{bool})"/>
    public void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots) =>
        DecodeBatch(detectionEvents, observableFlips, shots, [], []);

    /// <summary>
    /// Decodes consecutive shots: on the accelerator of option <c>device</c> when there is one (single
    /// shots never go there); else flooding min-sum (bp, bposd and relaybp by default) runs four shots at
    /// a time in vector lanes on this thread (<see cref="LaneBatchDecoder"/>, identical results), anything
    /// else shot by shot. When not empty, <paramref name="iterations"/> and <paramref name="converged"/> receive each
    /// shot's BP iterations and whether its prediction satisfies its syndrome.
    /// </summary>
    public void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots, Span<int> iterations, Span<bool> converged)
    {
        if (detectionEvents.Length < (long)shots * _detectorBytes || observableFlips.Length < (long)shots * _observableBytes)
        {
            throw new ArgumentException($"batch of {shots} shots needs {shots * _detectorBytes} detection bytes and {shots * _observableBytes} observable bytes");
        }
        var options = _compiled.Options;
        if (_compiled.Gpu is { } gpu)
        {
            gpu.Decode(detectionEvents, observableFlips, shots, iterations, converged);
            return;
        }
        if (LaneBatchDecoder.Supports(options.Bp))
        {
            _lanes ??= new LaneBatchDecoder(_compiled.Graph, options.Bp, options.Kind == BpDecoderKind.RelayBp ? options.Relay : null, _osd);
            _lanes.Decode(detectionEvents, observableFlips, shots, iterations, converged);
            return;
        }
        for (int s = 0; s < shots; s++)
        {
            Run(detectionEvents.Slice(s * _detectorBytes, _detectorBytes), observableFlips.Slice(s * _observableBytes, _observableBytes), false);
            if (!iterations.IsEmpty)
            {
                iterations[s] = LastIterations;
            }
            if (!converged.IsEmpty)
            {
                converged[s] = LastConverged;
            }
        }
    }

    /// <summary>
    /// Decodes and reports <see cref="DecodeInfo.Weight"/> = Σ ln((1−p)/p) over the chosen mechanisms (NaN
    /// when Relay-BP found no solution) and
    /// <see cref="DecodeInfo.SoftOutput"/> = the log-odds of the predicted logical class (see <see cref="LogicalClassLogOdds"/>).
    /// </summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        double weight = Run(detectionEvents, observableFlips, true);
        return new DecodeInfo(weight, LogicalClassLogOdds.Compute(_compiled.Graph, _state.Posteriors, observableFlips));
    }

    private double Run(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, bool detailed)
    {
        if (detectionEvents.Length != _detectorBytes)
        {
            throw new ArgumentException($"a shot of {NumDetectors} detectors is {_detectorBytes} bytes, got {detectionEvents.Length}");
        }
        if (observableFlips.Length < _observableBytes)
        {
            throw new ArgumentException($"observable output needs {_observableBytes} bytes for {NumObservables} observables, got {observableFlips.Length}");
        }
        detectionEvents.CopyTo(_state.PackedSyndrome);
        var state = _state;
        var graph = _graph;
        var options = _compiled.Options;
        LastUsedOsd = false;
        LastLegs = 0;
        double weight;
        if (options.Kind == BpDecoderKind.RelayBp)
        {
            var outcome = RelayEngine.Run<ArrayGraphView, ArrayShotState, ArraySteps>(ref graph, ref state, options.Bp, options.Relay);
            (LastIterations, LastConverged, LastLegs) = (outcome.Iterations, outcome.Converged, outcome.Legs);
            weight = outcome.Converged ? outcome.Weight : double.NaN;
        }
        else
        {
            var outcome = BpEngine.Run<ArrayGraphView, ArrayShotState, ArraySteps>(ref graph, ref state, options.Bp);
            (LastIterations, LastConverged) = (outcome.Iterations, outcome.Converged);
            if (!outcome.Converged && _osd is not null)
            {
                LastConverged = _osd.Solve(detectionEvents, _state.Posteriors);
                LastUsedOsd = true;
            }
            Decisions.Observables(_compiled.Graph, Decision, observableFlips[.._observableBytes]);
            return detailed ? Decisions.Weight(_compiled.Graph, Decision) : double.NaN;
        }
        WriteObservables(observableFlips[.._observableBytes]);
        return weight;
    }

    /// <summary>The observables Relay-BP kept (its lightest solution's), from the state's words.</summary>
    private void WriteObservables(Span<byte> output)
    {
        var words = _state.ObservableWords;
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = (byte)(words[i >> 3] >> ((i & 7) << 3));
        }
    }
}

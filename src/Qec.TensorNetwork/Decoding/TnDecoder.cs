using Qec.Core.Decoding;

namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// Maximum-likelihood decoding: the likeliest logical class of the syndrome, from the weights of all 2^k
/// classes (<see cref="ICosetSolver"/>). <see cref="DecodeInfo.SoftOutput"/> is the log-odds of the chosen
/// class against all others, ln(W_c / Σ_{c'≠c} W_c'). Not thread-safe; no allocation per shot.
/// </summary>
public sealed class TnDecoder : IDecoder
{
    private readonly TnCompiledDecoder _compiled;
    private readonly ICosetSolver _solver;
    private readonly double[] _logWeights;
    private readonly int _detectorBytes;

    internal TnDecoder(TnCompiledDecoder compiled, ICosetSolver solver)
    {
        _compiled = compiled;
        _solver = solver;
        _logWeights = new double[1 << compiled.NumObservables];
        _detectorBytes = (compiled.NumDetectors + 7) >> 3;
    }

    /// <inheritdoc/>
    public int NumDetectors => _compiled.NumDetectors;

    /// <inheritdoc/>
    public int NumObservables => _compiled.NumObservables;

    /// <summary>ln W(c | s) of every class after the last shot (bit o of class c is observable o).</summary>
    public ReadOnlySpan<double> LogClassWeights => _logWeights;

    /// <summary>Weight the last shot's approximations discarded (0 in exact mode).</summary>
    public double LastDiscardedWeight { get; private set; }

    /// <summary>True when the compiled decoder has a GPU batch path (option <c>device</c>).</summary>
    public bool PrefersBatches => _compiled.Gpu is not null;

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) => DecodeDetailed(detectionEvents, observableFlips);

    /// <summary>
    /// Decodes consecutive shots: with a GPU path all class weights of the batch come from the accelerator
    /// (<see cref="Gpu.ICosetBatch"/>; <see cref="LogClassWeights"/> then holds the last shot's), else shot by shot.
    /// </summary>
    public void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
    {
        int ob = (NumObservables + 7) >> 3;
        if (detectionEvents.Length < (long)shots * _detectorBytes || observableFlips.Length < (long)shots * ob)
        {
            throw new ArgumentException($"batch of {shots} shots needs {shots * _detectorBytes} detection bytes and {shots * ob} observable bytes");
        }
        if (_compiled.Gpu is not { } gpu)
        {
            for (int s = 0; s < shots; s++)
            {
                Decode(detectionEvents.Slice(s * _detectorBytes, _detectorBytes), observableFlips.Slice(s * ob, ob));
            }
            return;
        }
        var weights = new double[(long)shots * _logWeights.Length];
        gpu.Solve(detectionEvents, weights, shots);
        for (int s = 0; s < shots; s++)
        {
            weights.AsSpan(s * _logWeights.Length, _logWeights.Length).CopyTo(_logWeights);
            Choose(observableFlips.Slice(s * ob, ob));
        }
    }

    /// <summary>Decodes; soft output = log-odds of the chosen class; no weight (NaN).</summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        if (detectionEvents.Length != _detectorBytes)
        {
            throw new ArgumentException($"a shot of {NumDetectors} detectors is {_detectorBytes} bytes, got {detectionEvents.Length}");
        }
        int ob = (NumObservables + 7) >> 3;
        if (observableFlips.Length < ob)
        {
            throw new ArgumentException($"observable output needs {ob} bytes for {NumObservables} observables, got {observableFlips.Length}");
        }
        LastDiscardedWeight = _solver.Solve(detectionEvents, _logWeights);
        int best = Choose(observableFlips[..ob]);
        return new DecodeInfo(double.NaN, LogOdds(best));
    }

    /// <summary>The likeliest class of <see cref="LogClassWeights"/> (the lowest on ties), written as observable flips; returns it.</summary>
    private int Choose(Span<byte> observableFlips)
    {
        int best = 0;
        for (int c = 1; c < _logWeights.Length; c++)
        {
            best = _logWeights[c] > _logWeights[best] ? c : best;
        }
        observableFlips.Clear();
        for (int o = 0; o < NumObservables; o++)
        {
            if (((best >> o) & 1) != 0)
            {
                observableFlips[o >> 3] |= (byte)(1 << (o & 7));
            }
        }
        return best;
    }

    /// <summary>ln(W_best) − ln(Σ_{c ≠ best} W_c), by log-sum-exp; +∞ when no other class is possible, NaN when none is.</summary>
    private double LogOdds(int best)
    {
        double top = _logWeights[best];
        if (double.IsNegativeInfinity(top))
        {
            return double.NaN;  // the syndrome is impossible under the model
        }
        double rest = 0;
        for (int c = 0; c < _logWeights.Length; c++)
        {
            rest += c == best ? 0 : Math.Exp(_logWeights[c] - top);
        }
        return -Math.Log(rest);
    }
}

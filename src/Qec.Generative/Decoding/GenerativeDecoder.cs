using System.Numerics;
using Qec.Core.Decoding;
using Qec.Generative.Models;

namespace Qec.Generative.Decoding;

/// <summary>
/// Decodes with the trained network q(ℓ | s) (qecGPT: Cao, Pan, Wang and Zhang, arXiv 2307.09025): the condition is the
/// shot's detector bits (and, with a base decoder, the base's predicted bits, the network then predicting the residual
/// flip r = ℓ ⊕ base); the class is the argmax of q over all 2^k classes (<see cref="ClassSearch.Exact"/>) or picked bit by
/// bit (<see cref="ClassSearch.Greedy"/>; for k = 1 the two agree and one pass serves). <see cref="DecodeInfo.SoftOutput"/>
/// is the log-odds of the chosen class against all others under q. Not thread-safe; no allocation per shot.
/// </summary>
public sealed class GenerativeDecoder<T> : IDecoder where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GenerativeCompiledDecoder<T> _compiled;
    private readonly MadeNetwork<T> _model;
    private readonly ModelWorkspace _workspace;
    private readonly IDecoder? _base;
    private readonly byte[] _condition, _bits, _basePacked;
    private readonly double[] _logq;
    private readonly int _detectorBytes, _observableBytes;

    /// <summary>A decoder of <paramref name="compiled"/>; an ensemble member (<paramref name="ownBase"/> false) gets its
    /// base prediction from the ensemble (<see cref="ClassLogProbabilities"/>) and builds no base decoder of its own.</summary>
    internal GenerativeDecoder(GenerativeCompiledDecoder<T> compiled, bool ownBase = true)
    {
        _compiled = compiled;
        _model = compiled.Model;
        _workspace = _model.CreateWorkspace();
        _base = ownBase ? compiled.Base?.CreateDecoder() : null;
        _condition = new byte[_model.ConditionSize];
        _bits = new byte[compiled.NumObservables];
        _detectorBytes = (compiled.NumDetectors + 7) >> 3;
        _observableBytes = (compiled.NumObservables + 7) >> 3;
        _basePacked = new byte[_base is null ? 0 : _observableBytes];
        _logq = new double[compiled.OnePass ? 1 : 1 << compiled.NumObservables];
    }

    /// <inheritdoc/>
    public int NumDetectors => _compiled.NumDetectors;

    /// <inheritdoc/>
    public int NumObservables => _compiled.NumObservables;

    /// <summary>True when the compiled decoder has a batch path on an accelerator (option <c>device</c>).</summary>
    public bool PrefersBatches => _compiled.Gpu is not null;

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) => DecodeDetailed(detectionEvents, observableFlips);

    /// <summary>Decodes one shot; soft output = log-odds of the chosen class under q; no weight (NaN).</summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        CheckShot(detectionEvents.Length, observableFlips.Length);
        Prepare(detectionEvents);
        double logOdds;
        if (_compiled.OnePass)
        {
            logOdds = ClassChoice.LogOddsOf(double.CreateTruncating(_model.Greedy(_bits, _condition, _workspace)));
        }
        else
        {
            for (int c = 0; c < _logq.Length; c++)
            {
                ClassBits(c, _bits);
                _logq[c] = double.CreateTruncating(_model.LogProbability(_bits, _condition, _workspace));
            }
            ClassBits(ClassChoice.Best(_logq, out logOdds), _bits);
        }
        ClassChoice.Pack(_bits, _basePacked, observableFlips);
        return new DecodeInfo(double.NaN, logOdds);
    }

    /// <summary>
    /// ln q(c | s) of every absolute class c (bit o of c = observable o), for an ensemble that averages members with
    /// different bases: the network scores the residual r = c ⊕ base, so class c takes the score of r = c ⊕ base.
    /// <paramref name="basePacked"/> is the base decoder's prediction for this shot (computed once by the ensemble for
    /// every member with that base; ignored without a base); <paramref name="logq"/> has 2^k entries; no allocation.
    /// </summary>
    internal void ClassLogProbabilities(ReadOnlySpan<byte> detectionEvents, ReadOnlySpan<byte> basePacked, Span<double> logq)
    {
        CheckShot(detectionEvents.Length, _observableBytes);
        ClassChoice.Unpack(detectionEvents, NumDetectors, _condition);
        int baseClass = 0;
        if (_compiled.Base is not null)
        {
            ClassChoice.Unpack(basePacked, NumObservables, _condition.AsSpan(NumDetectors));
            for (int o = 0; o < NumObservables; o++)
            {
                baseClass |= _condition[NumDetectors + o] << o;
            }
        }
        for (int r = 0; r < logq.Length; r++)
        {
            ClassBits(r, _bits);
            logq[r ^ baseClass] = double.CreateTruncating(_model.LogProbability(_bits, _condition, _workspace));
        }
    }

    /// <summary>Decodes consecutive shots: on the accelerator when there is one (the base decoder, if any, runs here first), else shot by shot.</summary>
    public void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
    {
        if (detectionEvents.Length < (long)shots * _detectorBytes || observableFlips.Length < (long)shots * _observableBytes)
        {
            throw new ArgumentException($"batch of {shots} shots needs {shots * _detectorBytes} detection bytes and {shots * _observableBytes} observable bytes");
        }
        if (_compiled.Gpu is not { } gpu)
        {
            for (int s = 0; s < shots; s++)
            {
                Decode(detectionEvents.Slice(s * _detectorBytes, _detectorBytes), observableFlips.Slice(s * _observableBytes, _observableBytes));
            }
            return;
        }
        DecodeOnDevice(gpu, detectionEvents, observableFlips, shots, null);
    }

    /// <summary>
    /// The batch path on the accelerator, also filling <paramref name="logOdds"/> (one per shot) when given: the
    /// conditions are built here (base decoder included), the network runs on the device, and the class is chosen
    /// from the device's log q by <see cref="ClassChoice"/> exactly as on the CPU path. Allocates the batch's buffers.
    /// </summary>
    public void DecodeOnDevice(Gpu.GpuGenerativeBatch<T> gpu, ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots, Span<double> logOdds)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        int m = _model.ConditionSize, k = NumObservables, scores = _logq.Length;
        var conditions = new byte[(long)shots * m];
        var basePacked = new byte[_base is null ? 0 : (long)shots * _observableBytes];
        for (int s = 0; s < shots; s++)
        {
            Prepare(detectionEvents.Slice(s * _detectorBytes, _detectorBytes));
            _condition.CopyTo(conditions.AsSpan(s * m, m));
            _basePacked.CopyTo(basePacked.AsSpan(s * _basePacked.Length));
        }
        var logq = new double[(long)shots * scores];
        var bits = new byte[(long)shots * k];
        gpu.Run(conditions, shots, _compiled.OnePass, logq, bits);
        for (int s = 0; s < shots; s++)
        {
            double odds;
            if (_compiled.OnePass)
            {
                bits.AsSpan(s * k, k).CopyTo(_bits);
                odds = ClassChoice.LogOddsOf(logq[s]);
            }
            else
            {
                ClassBits(ClassChoice.Best(logq.AsSpan(s * scores, scores), out odds), _bits);
            }
            ClassChoice.Pack(_bits, basePacked.AsSpan(s * _basePacked.Length, _basePacked.Length), observableFlips.Slice(s * _observableBytes, _observableBytes));
            if (!logOdds.IsEmpty)
            {
                logOdds[s] = odds;
            }
        }
    }

    /// <summary>Fills the condition: detector bits, then the base decoder's predicted bits (kept packed for the final XOR).</summary>
    private void Prepare(ReadOnlySpan<byte> detectionEvents)
    {
        ClassChoice.Unpack(detectionEvents, NumDetectors, _condition);
        if (_base is not null)
        {
            _base.Decode(detectionEvents, _basePacked);
            ClassChoice.Unpack(_basePacked, NumObservables, _condition.AsSpan(NumDetectors));
        }
    }

    private void CheckShot(int detectorBytes, int observableBytes)
    {
        if (detectorBytes != _detectorBytes)
        {
            throw new ArgumentException($"a shot of {NumDetectors} detectors is {_detectorBytes} bytes, got {detectorBytes}");
        }
        if (observableBytes < _observableBytes)
        {
            throw new ArgumentException($"observable output needs {_observableBytes} bytes for {NumObservables} observables, got {observableBytes}");
        }
    }

    /// <summary>Bit o of class c is observable o.</summary>
    internal static void ClassBits(int c, Span<byte> bits)
    {
        for (int o = 0; o < bits.Length; o++)
        {
            bits[o] = (byte)((c >> o) & 1);
        }
    }
}

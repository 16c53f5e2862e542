using System.Numerics;
using Qec.Core.Decoding;

namespace Qec.Generative.Decoding;

/// <summary>
/// Decodes with an ensemble's average P(c | s) = (1/M) Σ_m q_m(c | s) over the 2^k absolute classes: the argmax is the
/// class, <see cref="DecodeInfo.SoftOutput"/> its log-odds against all others under P. Not thread-safe; no allocation
/// per shot.
/// </summary>
public sealed class GenerativeEnsembleDecoder<T> : IDecoder where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GenerativeDecoder<T>[] _members;
    private readonly double[] _mixture, _member;
    private readonly byte[] _bits;
    private readonly double _logMembers;

    internal GenerativeEnsembleDecoder(GenerativeEnsembleCompiledDecoder<T> compiled)
    {
        _members = [.. compiled.Members.Select(m => m.CreateDecoder())];
        NumDetectors = compiled.NumDetectors;
        NumObservables = compiled.NumObservables;
        _mixture = new double[1 << NumObservables];
        _member = new double[1 << NumObservables];
        _bits = new byte[NumObservables];
        _logMembers = Math.Log(_members.Length);
    }

    /// <inheritdoc/>
    public int NumDetectors { get; }

    /// <inheritdoc/>
    public int NumObservables { get; }

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) => DecodeDetailed(detectionEvents, observableFlips);

    /// <summary>Decodes one shot; soft output = log-odds of the chosen class under the average; no weight (NaN).</summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        int bytes = (NumObservables + 7) >> 3;
        if (observableFlips.Length < bytes)
        {
            throw new ArgumentException($"observable output needs {bytes} bytes for {NumObservables} observables, got {observableFlips.Length}");
        }
        _members[0].ClassLogProbabilities(detectionEvents, _mixture);
        for (int m = 1; m < _members.Length; m++)
        {
            _members[m].ClassLogProbabilities(detectionEvents, _member);
            for (int c = 0; c < _mixture.Length; c++)
            {
                _mixture[c] = ClassChoice.LogAddExp(_mixture[c], _member[c]);
            }
        }
        for (int c = 0; c < _mixture.Length; c++)
        {
            _mixture[c] -= _logMembers;
        }
        GenerativeDecoder<T>.ClassBits(ClassChoice.Best(_mixture, out double logOdds), _bits);
        ClassChoice.Pack(_bits, default, observableFlips);
        return new DecodeInfo(double.NaN, logOdds);
    }
}

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
    private readonly IDecoder[] _bases;       // one per distinct compiled base decoder
    private readonly byte[][] _basePredictions; // their packed predictions for the current shot
    private readonly int[] _baseOf;           // member → index into _bases, −1 without a base
    private readonly double[] _mixture, _member;
    private readonly byte[] _bits;
    private readonly double _logMembers;

    internal GenerativeEnsembleDecoder(GenerativeEnsembleCompiledDecoder<T> compiled)
    {
        _members = [.. compiled.Members.Select(m => m.CreateMemberDecoder())];
        // Members whose files name the same base share one compiled base (the factory compiles each spec once),
        // so the base decodes once per shot for all of them.
        var distinct = compiled.Members.Select(m => m.Base).OfType<ICompiledDecoder>().Distinct().ToList();
        _bases = [.. distinct.Select(b => b.CreateDecoder())];
        _baseOf = [.. compiled.Members.Select(m => m.Base is null ? -1 : distinct.IndexOf(m.Base))];
        _basePredictions = [.. _bases.Select(_ => new byte[(compiled.NumObservables + 7) >> 3])];
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
        for (int b = 0; b < _bases.Length; b++)
        {
            _bases[b].Decode(detectionEvents, _basePredictions[b]);
        }
        _members[0].ClassLogProbabilities(detectionEvents, BasePrediction(0), _mixture);
        for (int m = 1; m < _members.Length; m++)
        {
            _members[m].ClassLogProbabilities(detectionEvents, BasePrediction(m), _member);
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

    private ReadOnlySpan<byte> BasePrediction(int member) => _baseOf[member] < 0 ? default : _basePredictions[_baseOf[member]];
}

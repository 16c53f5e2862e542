using BenchmarkDotNet.Attributes;
using Qec.BeliefPropagation;
using Qec.Core.Decoding;

namespace Qec.Bench;

/// <summary>
/// bp, bposd and relaybp on the bivariate-bicycle reference shots (../shared/reference/bp): all 10,000
/// shots of a file decoded from memory on one thread per invocation, so the reported time is per shot.
/// ldpc's times for the same files are in the reference README (and <see cref="BbReference.Ldpc"/>).
/// </summary>
[MemoryDiagnoser]
public class BeliefPropagationBenchmarks
{
    private const int Shots = 10_000;

    private IDecoder _decoder = null!;
    private byte[] _dets = [];
    private byte[] _flips = [];

    /// <summary>Reference code: "bb72" ([[72,12,6]]) or "bb144" ([[144,12,12]]).</summary>
    [Params("bb144")]
    public string Code { get; set; } = "";

    /// <summary>Error probability of the shot file.</summary>
    [Params("0.01", "0.03", "0.05")]
    public string P { get; set; } = "";

    /// <summary>Registry name of the decoder.</summary>
    [Params("bp", "bposd")]
    public string Decoder { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var model = BbReference.Model(Code, P);
        _decoder = BeliefPropagationDecoders.Register(new DecoderRegistry()).Get(Decoder).Compile(model, DecoderOptions.Empty).CreateDecoder();
        (_dets, _) = BbReference.Shots(Code, P, _decoder.NumObservables);
        _flips = new byte[_decoder.ObservableBytes];
        DecodeAll();
    }

    /// <summary>Decodes the file's 10,000 shots.</summary>
    [Benchmark(OperationsPerInvoke = Shots)]
    public byte DecodeAll()
    {
        int db = _decoder.DetectorBytes;
        byte acc = 0;
        for (int s = 0; s < Shots; s++)
        {
            _decoder.Decode(_dets.AsSpan(s * db, db), _flips);
            acc ^= _flips[0];
        }
        return acc;
    }
}

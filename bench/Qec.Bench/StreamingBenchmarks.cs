using BenchmarkDotNet.Attributes;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Matching.Streaming;

namespace Qec.Bench;

/// <summary>
/// Streaming mwpm (sliding window, default W = 4d, C = 2d unless given) on rotated surface-code memory
/// experiments at p = 0.1% of <see cref="Rounds"/> rounds: d = 5 is the reference folded model
/// sc_rmz_d05_r1000 resized, d = 11 the flattened reference sc_rmz_d11_r11 folded around a bulk round
/// (StreamingModels). 16 sampled shots (RepeatBlockSampler, seed 1234) decoded cyclically; one operation
/// = one round, so the reported mean is the decode time per round (pushes plus the final decode ÷ rounds).
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    private const int ShotCount = 16;

    private IStreamingDecoder _stream = null!;
    private byte[][] _rounds = [];
    private int _numRounds;
    private int _next;
    private byte[] _frame = new byte[8];

    /// <summary>Code distance.</summary>
    [Params(5, 11)]
    public int D { get; set; }

    /// <summary>Rounds per experiment.</summary>
    [Params(1000)]
    public int Rounds { get; set; }

    /// <summary>Window and commit as "W/C", or "default".</summary>
    [Params("default")]
    public string WindowCommit { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        var source = D == 5
            ? DetectorErrorModel.Load(ReferenceData.Path("dems", "sc_rmz_d05_r1000_p0.001.dem"))
            : DetectorErrorModel.Load(ReferenceData.Path("dems", $"sc_rmz_d{D:00}_r{D:00}_p0.001.dem"));
        var model = StreamingModels.WithRounds(source, Rounds);
        var options = WindowCommit == "default"
            ? DecoderOptions.Empty
            : DecoderOptions.Parse([$"window={WindowCommit.Split('/')[0]}", $"commit={WindowCommit.Split('/')[1]}"]);
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, options);
        var layout = compiled.Layout;
        _numRounds = layout.NumRounds;
        _stream = compiled.CreateStreamingDecoder();
        var sampler = new RepeatBlockSampler(model, 1234);
        var shot = new byte[sampler.DetectorBytes];
        _rounds = new byte[ShotCount * _numRounds][];
        for (int s = 0; s < ShotCount; s++)
        {
            sampler.Sample(shot);
            for (int r = 0; r < _numRounds; r++)
            {
                var packed = new byte[(layout.RoundSize(r) + 7) >> 3];
                RoundBits.Slice(shot, layout.RoundFirstDetector(r), layout.RoundSize(r), packed);
                _rounds[(s * _numRounds) + r] = packed;
            }
        }
        for (int s = 0; s < ShotCount; s++)
        {
            DecodeShot(); // warm-up: every graph compiled, scratch lists at their working size
        }
    }

    /// <summary>One whole experiment, round by round; reported per round.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public byte DecodeShot()
    {
        int s = _next;
        _next = (_next + 1) % ShotCount;
        _stream.Reset();
        for (int r = 0; r < _numRounds; r++)
        {
            _stream.PushRound(r, _rounds[(s * _numRounds) + r], _frame);
        }
        _stream.Finish(_frame);
        return _frame[0];
    }
}

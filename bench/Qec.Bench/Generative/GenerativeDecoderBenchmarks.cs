using BenchmarkDotNet.Attributes;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Generative.Decoding;
using Qec.Generative.Models;

namespace Qec.Bench.Generative;

/// <summary>
/// The gen decoder's inference cost per shot, CPU, one thread, at d = 5 circuit level (reference DEM sc_rmz_d05_r05_p0.005,
/// 120 detectors, its reference shots): the network size of the acceptance tables (3 hidden layers of 128, residual,
/// float32), without a base decoder and with mwpm as base (then mwpm's time is included), and mwpm alone for scale.
/// Goal (issue 12): ≤ 50 µs per shot. Weights are seeded, untrained (the cost does not depend on them). MemoryDiagnoser:
/// 0 B per shot.
/// </summary>
[MemoryDiagnoser]
public class GenerativeDecoderBenchmarks
{
    private const int Shots = 1000;
    private const string Name = "sc_rmz_d05_r05_p0.005";

    private IDecoder _decoder = null!;
    private byte[] _dets = [];
    private readonly byte[] _flips = new byte[1];
    private int _db;

    /// <summary>gen with no base, gen with base mwpm, or mwpm alone.</summary>
    [Params("gen", "gen+mwpm", "mwpm")]
    public string Decoder { get; set; } = "gen";

    /// <summary>Hidden width of the network.</summary>
    [Params(128)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var model = DetectorErrorModel.Load(ReferenceData.Path("dems", Name + ".dem"));
        int detectors = (int)model.NumDetectors;
        _db = (detectors + 7) >> 3;
        _dets = ReferenceData.ReadShots(ReferenceData.Path("shots", Name + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors(detectors))[..(Shots * _db)];
        if (Decoder == "mwpm")
        {
            _decoder = GenDecoders.Compile("mwpm", model).CreateDecoder();
            return;
        }
        string baseName = Decoder == "gen" ? GenerativeModelFile.NoBase : "mwpm";
        string path = Path.Combine(Path.GetTempPath(), $"gen-bench-{Environment.ProcessId}-{baseName}-{Width}.st");
        var network = new MadeNetwork<float>(new MadeConfig(1, GenerativeModelFile.ConditionSize(detectors, 1, baseName), Width, 3, Residual: true), seed: 1);
        GenerativeModelFile.Save(network, path, model, baseName);
        _decoder = GenDecoders.Compile($"gen:model={path}", model).CreateDecoder();
    }

    /// <summary>One shot decoded (class and soft output).</summary>
    [Benchmark(OperationsPerInvoke = Shots)]
    public int Decode()
    {
        int ones = 0;
        for (int s = 0; s < Shots; s++)
        {
            _decoder.Decode(_dets.AsSpan(s * _db, _db), _flips);
            ones += _flips[0];
        }
        return ones;
    }
}

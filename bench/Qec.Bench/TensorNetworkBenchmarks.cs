using BenchmarkDotNet.Attributes;
using Qec.Bench.TensorNetwork;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Core.Generators;
using Qec.Core.Sampling;

namespace Qec.Bench;

/// <summary>
/// tn per shot on one thread, with mwpm on the same shots as the baseline measured in the same run:
/// boundary mode (χ = 8) on code-capacity rotated surface codes, bit flips and depolarizing noise,
/// d = 5, 9, 13, p = 0.1 (256 shots sampled with seed 11, decoded from memory per invocation); exact mode
/// on the d = 9 bit-flip and d = 5 depolarizing codes (where it runs) and on Stim's d = 3 circuit-level
/// reference shots (sc_rmz_d03_r03_p0.003, its first 256); pruned mode on those and on the d = 5 ones
/// (sc_rmz_d05_r05_p0.003). One operation = one shot. Issue 11's goal:
/// boundary mode at d = 9, χ = 8 under 1 ms per shot. Boundary mode runs the device-generic engine with its Jacobi SVD
/// over buffers laid out once: MemoryDiagnoser should show nothing allocated per shot.
/// </summary>
[MemoryDiagnoser]
public class TensorNetworkBenchmarks
{
    private const int Shots = 256;
    private const string Boundary = "tn:mode=boundary:chi=8";

    private IDecoder _decoder = null!;
    private byte[] _dets = [];
    private byte[] _flips = [];

    /// <summary>One row: a decoder on a model.</summary>
    /// <param name="Decoder">Decoder as <c>qecd compare</c> names it (<c>tn:mode=boundary:chi=8</c>, <c>tn</c> = exact, <c>mwpm</c>).</param>
    /// <param name="Model">"bit-flip" or "depolarizing" (code capacity, p = 0.1), or "circuit" (the reference case sc_rmz_dDD_rDD_p0.003).</param>
    /// <param name="D">Code distance.</param>
    public sealed record Case(string Decoder, string Model, int D)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Decoder} {Model} d={D}";
    }

    /// <summary>Boundary mode and mwpm at d = 5, 9, 13 for both noises; exact mode where it runs; the circuit-level d = 3 and d = 5 cases.</summary>
    public static IEnumerable<Case> Cases =>
    [
        .. new[] { "bit-flip", "depolarizing" }.SelectMany(model => new[] { 5, 9, 13 }.SelectMany(d => new Case[] { new("mwpm", model, d), new(Boundary, model, d) })),
        new("tn", "bit-flip", 9), new("tn", "depolarizing", 5),
        new("mwpm", "circuit", 3), new("tn", "circuit", 3), new("tn:mode=pruned:states=4096", "circuit", 3),
        new("mwpm", "circuit", 5), new("tn:mode=pruned:states=1024", "circuit", 5),
    ];

    /// <summary>The row measured.</summary>
    [ParamsSource(nameof(Cases))]
    public Case Row { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        DetectorErrorModel model;
        if (Row.Model == "circuit")
        {
            string circuitCase = $"sc_rmz_d{Row.D:00}_r{Row.D:00}_p0.003";
            model = DetectorErrorModel.Load(ReferenceData.Path("dems", circuitCase + ".dem"));
            _dets = ReferenceData.ReadShots(ReferenceData.Path("shots", circuitCase + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors((int)model.Counts.NumDetectors));
        }
        else
        {
            var noise = Row.Model == "bit-flip" ? NoiseModel.CodeCapacity : NoiseModel.CodeCapacityDepolarizing;
            model = CodeGenerators.RotatedSurfaceCode(Row.D, 1, noise, 0.1);
            (_dets, _) = new DemSampler(model).Sample(Shots, 11);
        }
        _decoder = DecoderSpecs.Compile(Row.Decoder, model).CreateDecoder();
        _flips = new byte[_decoder.ObservableBytes];
        DecodeShots();
    }

    /// <summary>Decodes the 256 shots one by one.</summary>
    [Benchmark(OperationsPerInvoke = Shots)]
    public byte DecodeShots() => ShotLoop.DecodeEach(_decoder, _dets, Shots, _flips);
}

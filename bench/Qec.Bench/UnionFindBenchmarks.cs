using System.Globalization;
using BenchmarkDotNet.Attributes;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.UnionFind;

namespace Qec.Bench;

/// <summary>
/// Union-find ("uf") decoding speed on the reference shot files of the rotated surface code
/// (rounds = d) at d = 5, 11, 17 and p = 0.1%, 0.5%: shots already in memory, one thread, one
/// reused decoder. One operation = one shot, so Mean is µs per shot (÷ d for µs per round).
/// Each invocation decodes the next <see cref="ShotsPerInvoke"/> shots of the file, wrapping around,
/// so the iterations cycle through all of its shots. Peer: PyMatching v2 decoding the same files from
/// memory on this kind of machine (../shared/reference/README.md: 0.230, 1.66, 3.15, 29.0, 13.4,
/// 136.5 µs per shot). The reference folder is QECD_REFERENCE, else ../shared/reference beside the
/// folder holding Decoder.sln.
/// </summary>
[MemoryDiagnoser]
public class UnionFindBenchmarks
{
    /// <summary>Shots per invocation: every reference file has at least this many.</summary>
    public const int ShotsPerInvoke = 2000;

    private IDecoder _decoder = null!;
    private byte[] _detectionEvents = [];
    private byte[] _prediction = [];
    private int _detectorBytes;
    private int _shots;
    private int _next;

    /// <summary>Code distance (= rounds) of the reference case.</summary>
    [Params(5, 11, 17)]
    public int D { get; set; }

    /// <summary>Physical error rate of the reference case.</summary>
    [Params(0.001, 0.005)]
    public double P { get; set; }

    /// <summary>The reference case name, e.g. sc_rmz_d05_r05_p0.001.</summary>
    public string Case => string.Create(CultureInfo.InvariantCulture, $"sc_rmz_d{D:00}_r{D:00}_p{P:0.000}");

    [GlobalSetup]
    public void Setup()
    {
        string root = ReferenceData.Folder;
        var model = DetectorErrorModel.Load(Path.Combine(root, "dems", Case + ".dem"));
        _decoder = new UnionFindDecoderFactory().Compile(model, DecoderOptions.Empty).CreateDecoder();
        _detectionEvents = File.ReadAllBytes(Path.Combine(root, "shots", Case + ".dets.b8"));
        _detectorBytes = _decoder.DetectorBytes;
        _shots = _detectionEvents.Length / _detectorBytes;
        if (_shots < ShotsPerInvoke)
        {
            throw new InvalidOperationException($"{Case}: {_shots} shots, the benchmark needs at least {ShotsPerInvoke}");
        }
        _prediction = new byte[Math.Max(1, _decoder.ObservableBytes)];
        _next = 0;
    }

    /// <summary>Decodes the next <see cref="ShotsPerInvoke"/> shots; the time per operation is the time per shot.</summary>
    [Benchmark(OperationsPerInvoke = ShotsPerInvoke)]
    public int DecodeShots()
    {
        int flips = 0;
        for (int i = 0; i < ShotsPerInvoke; i++)
        {
            _decoder.Decode(_detectionEvents.AsSpan(_next * _detectorBytes, _detectorBytes), _prediction);
            flips += _prediction[0];
            if (++_next == _shots)
            {
                _next = 0;
            }
        }
        return flips;
    }
}

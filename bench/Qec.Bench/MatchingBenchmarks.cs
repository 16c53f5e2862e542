using BenchmarkDotNet.Attributes;
using Qec.Core.Dem;
using Qec.Matching.Mwpm;

namespace Qec.Bench;

/// <summary>
/// The mwpm decoder on the reference surface-code shot files (../shared/reference; override with the
/// QECD_REFERENCE environment variable): all shots of a file decoded from memory on one thread,
/// repeated to 10,000 decodes per invocation, so the reported time is per shot. Per round = per
/// shot / d (rounds = d). PyMatching's numbers for the same files are in the reference README.
/// <see cref="Table"/> = false decodes every shot with sparse blossom alone (the shortest-path table is
/// built only for d = 5 here: d = 11 and 17 exceed its size limit, so both rows time the same code).
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private const int DecodesPerInvoke = 10_000;

    private MwpmDecoder _decoder = null!;
    private byte[] _dets = [];
    private byte[] _obs = [];
    private int _shots;
    private int _bytes;

    /// <summary>Code distance (= rounds) of the rotated surface-code memory-Z reference case.</summary>
    [Params(5, 11, 17)]
    public int D { get; set; }

    /// <summary>Circuit-level depolarizing noise strength of the reference case.</summary>
    [Params("0.001", "0.005")]
    public string P { get; set; } = "";

    /// <summary>Whether small shots are answered from the shortest-path table (the default decoder).</summary>
    [Params(true, false)]
    public bool Table { get; set; }

    private string Case => $"sc_rmz_d{D:00}_r{D:00}_p{P}";

    [GlobalSetup]
    public void Setup()
    {
        string root = ReferenceData.Folder;
        var dem = DetectorErrorModel.Load(Path.Combine(root, "dems", Case + ".dem"));
        _decoder = MwpmCompiledDecoder.FromDem(dem).CreateDecoder(Table);
        _dets = File.ReadAllBytes(Path.Combine(root, "shots", Case + ".dets.b8"));
        _bytes = (_decoder.NumDetectors + 7) / 8;
        _shots = _dets.Length / _bytes;
        _obs = new byte[(_decoder.NumObservables + 7) / 8];
        DecodeAll(); // warm-up: pools and scratch lists reach their working size
    }

    /// <summary>Decodes the file's shots cyclically, 10,000 decodes in all.</summary>
    [Benchmark(OperationsPerInvoke = DecodesPerInvoke)]
    public long DecodeAll()
    {
        long total = 0;
        var dets = _dets.AsSpan();
        for (int i = 0, s = 0; i < DecodesPerInvoke; i++)
        {
            total += _decoder.DecodeToIntegerWeight(dets.Slice(s * _bytes, _bytes), _obs);
            if (++s == _shots)
            {
                s = 0;
            }
        }
        return total;
    }
}

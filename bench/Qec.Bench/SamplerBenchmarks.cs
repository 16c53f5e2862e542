using BenchmarkDotNet.Attributes;
using Qec.Core.Dem;
using Qec.Core.Sampling;

namespace Qec.Bench;

/// <summary>
/// DemSampler throughput on the reference circuit-level surface-code models (rounds = d, p = 0.1%),
/// one thread, streamed in batches of 1024 shots into one reused buffer (as Stim's sample_dem writes
/// b8 to /dev/null). One operation = one shot, so Mean is the time per shot and 1/Mean the shot rate.
/// Peer: Stim sample_dem on this kind of machine, 0.13 µs/shot at d=5 and 5.6 µs/shot at d=17
/// (../shared/reference/README.md). The reference folder is QECD_REFERENCE, else ../shared/reference
/// beside the repository root (found by walking up to Decoder.sln).
/// </summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private const int BatchShots = 1024;
    private const int Batches = 16;

    private DemSampleStream _stream = null!;
    private byte[] _dets = [];
    private byte[] _obs = [];

    /// <summary>Code distance d of the reference model dems/sc_rmz_dDD_rDD_p0.001.dem (rounds = d).</summary>
    [Params(5, 17)]
    public int Distance { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string name = $"sc_rmz_d{Distance:00}_r{Distance:00}_p0.001.dem";
        var path = Path.Combine(ReferenceData.Folder, "dems", name);
        var sampler = new DemSampler(DetectorErrorModel.Load(path));
        _stream = sampler.Start(seed: 1);
        _dets = new byte[BatchShots * sampler.DetectorBytesPerShot];
        _obs = new byte[BatchShots * sampler.ObservableBytesPerShot];
    }

    /// <summary>16 batches of 1024 shots: the time per operation is the time per shot.</summary>
    [Benchmark(OperationsPerInvoke = BatchShots * Batches)]
    public byte SampleShots()
    {
        for (int b = 0; b < Batches; b++)
        {
            _stream.Next(BatchShots, _dets, _obs);
        }
        return _dets[0];
    }
}

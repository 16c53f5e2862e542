using System.Diagnostics;
using Qec.Core.Decoding;
using Qec.Core.Sampling;

namespace Qec.Cli.Compare;

/// <summary>The counts of one batch.</summary>
/// <param name="Shots">Shots decoded.</param>
/// <param name="Errors">Shots with any observable predicted wrong.</param>
/// <param name="Seconds">Wall time of sampling and decoding the batch on its thread.</param>
public readonly record struct BatchResult(long Shots, long Errors, double Seconds);

/// <summary>
/// One thread's tools for one task: a decoder instance and buffers for one batch, reused batch after
/// batch (no allocation per batch or per shot). Not thread-safe: one worker per thread.
/// </summary>
public sealed class BatchWorker
{
    private readonly DemSampler _sampler;
    private readonly IDecoder _decoder;
    private readonly byte[] _dets, _obs, _predicted;
    private readonly int _capacity;

    /// <summary>A worker for a task whose batches hold at most <paramref name="batchShots"/> shots.</summary>
    public BatchWorker(DemSampler sampler, ICompiledDecoder compiled, int batchShots)
    {
        _sampler = sampler;
        _decoder = compiled.CreateDecoder();
        _capacity = batchShots;
        _dets = new byte[checked(batchShots * sampler.DetectorBytesPerShot)];
        _obs = new byte[checked(batchShots * sampler.ObservableBytesPerShot)];
        _predicted = new byte[_obs.Length];
    }

    /// <summary>
    /// Samples shots [Offset, Offset + Shots) of the batch from its seed (the shots before Offset are
    /// sampled and dropped, so the batch's stream is the same as in a run that did it whole), decodes
    /// them and counts the shots whose predicted observable flips differ from the sampled ones.
    /// </summary>
    public BatchResult Run(BatchWork work, ulong seed)
    {
        var clock = Stopwatch.StartNew();
        var stream = _sampler.Start(seed);
        for (int skipped = 0; skipped < work.Offset;)
        {
            int n = Math.Min(_capacity, work.Offset - skipped);
            stream.Next(n, _dets, _obs);
            skipped += n;
        }
        int shots = work.Shots;
        stream.Next(shots, _dets, _obs);
        int db = _sampler.DetectorBytesPerShot, ob = _sampler.ObservableBytesPerShot;
        _decoder.DecodeBatch(_dets.AsSpan(0, shots * db), _predicted.AsSpan(0, shots * ob), shots);
        long errors = 0;
        var predicted = _predicted.AsSpan();
        var actual = _obs.AsSpan();
        for (int s = 0; s < shots; s++)
        {
            // sinter's rule: a shot is a logical error when any observable is predicted wrong.
            if (!predicted.Slice(s * ob, ob).SequenceEqual(actual.Slice(s * ob, ob)))
            {
                errors++;
            }
        }
        return new BatchResult(shots, errors, clock.Elapsed.TotalSeconds);
    }
}

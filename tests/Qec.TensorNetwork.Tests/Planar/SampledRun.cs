using System.Diagnostics;
using Qec.TensorNetwork.Planar;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// ln Z of every class of some packed shots at one χ, the summed discarded weight, the wall time and the
/// bytes allocated per shot of one thread (after <c>warmup</c> untimed shots, so the JIT has settled and
/// the buffers have grown).
/// </summary>
internal sealed record SampledRun(double[] Logs, double Discarded, double MicrosecondsPerShot, double BytesPerShot)
{
    public static SampledRun Of(BoundaryMpsCosets mps, byte[] dets, int shots, int warmup)
    {
        int bytes = mps.DetectorBytes, classes = mps.NumClasses;
        var logs = new double[shots * classes];
        for (int s = 0; s < Math.Min(warmup, shots); s++)
        {
            mps.Compute(dets.AsSpan(s * bytes, bytes), logs.AsSpan(s * classes, classes));
        }
        double discarded = 0;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < shots; s++)
        {
            discarded += mps.Compute(dets.AsSpan(s * bytes, bytes), logs.AsSpan(s * classes, classes)).DiscardedWeight;
        }
        double micros = clock.Elapsed.TotalMicroseconds / shots;
        return new SampledRun(logs, discarded, micros, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)shots);
    }
}

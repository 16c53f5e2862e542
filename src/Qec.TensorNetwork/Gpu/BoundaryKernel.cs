using ILGPU;
using Qec.TensorNetwork.Planar.Engine;

namespace Qec.TensorNetwork.Gpu;

/// <summary>
/// Boundary-MPS class weights on the device, one thread per shot: <see cref="BoundarySweep{TShot, TProgram}"/> — the very
/// code the CPU runs, with its Jacobi SVD (no library call, nothing allocated) — over the thread's slice of a
/// <see cref="DeviceBoundaryBatch"/>. On ILGPU's CPU accelerator the weights equal the CPU path's bit for bit; on a card,
/// fused multiply-adds and the device's exp/log/sqrt may move them in the last bits.
/// </summary>
public static class BoundaryKernel
{
    /// <summary>ln Z(c | s) for every class of shot <paramref name="shot"/>; NaN for every class if the layout overflowed.</summary>
    /// <param name="shot">Thread index = shot within the batch.</param>
    /// <param name="program">The compiled sweep.</param>
    /// <param name="layout">Where each shot's memory lives.</param>
    /// <param name="batch">The batch's memory, syndromes and outputs.</param>
    public static void Sweep(Index1D shot, DeviceSweepProgram program, BoundaryLayout layout, DeviceBoundaryBatch batch)
    {
        var sweep = new BoundarySweep<DeviceBoundaryShot, DeviceSweepProgram>(new DeviceBoundaryShot(batch, shot), program, layout);
        sweep.Run();
        if (sweep.Overflowed)
        {
            for (int c = 0; c < batch.Classes; c++)
            {
                batch.LogWeights[(long)(int)shot * batch.Classes + c] = double.NaN;
            }
        }
    }
}

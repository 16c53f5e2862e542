using ILGPU;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Relay;

namespace Qec.BeliefPropagation.Gpu;

/// <summary>
/// The ILGPU kernels: one thread decodes one shot with exactly the code the CPU runs
/// (<see cref="BpEngine"/>, <see cref="RelayEngine"/> over <see cref="GenericSteps{TGraph, TState}"/>),
/// so decisions and iteration counts equal the plain C# path's.
/// </summary>
public static class BpKernels
{
    /// <summary>BP for shot <paramref name="shot"/> of the batch: observables, iterations, convergence flag.</summary>
    /// <param name="shot">Thread index = shot index within the batch (&lt; batch.Stride).</param>
    /// <param name="graph">The code.</param>
    /// <param name="batch">The batch's working memory and outputs.</param>
    /// <param name="settings">BP settings.</param>
    public static void Bp(Index1D shot, DeviceGraphView graph, DeviceBatchViews batch, BpSettings settings)
    {
        var state = new DeviceShotState(batch, shot, graph.Words);
        var outcome = BpEngine.Run<DeviceGraphView, DeviceShotState, GenericSteps<DeviceGraphView, DeviceShotState>>(ref graph, ref state, settings);
        BpEngine.StoreObservables(ref graph, ref state);
        batch.Iterations[shot] = outcome.Iterations;
        batch.Converged[shot] = (byte)(outcome.Converged ? 1 : 0);
    }

    /// <summary>Relay-BP for shot <paramref name="shot"/> of the batch: observables of the kept solution, iterations over all legs, convergence flag.</summary>
    /// <param name="shot">Thread index = shot index within the batch (&lt; batch.Stride).</param>
    /// <param name="graph">The code.</param>
    /// <param name="batch">The batch's working memory and outputs.</param>
    /// <param name="settings">Inner BP settings (flooding).</param>
    /// <param name="relay">Relay-BP settings.</param>
    public static void Relay(Index1D shot, DeviceGraphView graph, DeviceBatchViews batch, BpSettings settings, RelaySettings relay)
    {
        var state = new DeviceShotState(batch, shot, graph.Words);
        var outcome = RelayEngine.Run<DeviceGraphView, DeviceShotState, GenericSteps<DeviceGraphView, DeviceShotState>>(ref graph, ref state, settings, relay);
        batch.Iterations[shot] = outcome.Iterations;
        batch.Converged[shot] = (byte)(outcome.Converged ? 1 : 0);
    }

    /// <summary>
    /// Copies the posteriors of selected shots into a shot-major block for OSD on the CPU: thread i
    /// takes shot <c>shots[i]</c> and writes its n posteriors to <c>compact[i·n …]</c>.
    /// </summary>
    /// <param name="index">Thread index = position in <paramref name="shots"/>.</param>
    /// <param name="shots">Shots (within the batch) whose posteriors are wanted.</param>
    /// <param name="batch">The batch after a BP launch.</param>
    /// <param name="variables">n.</param>
    /// <param name="compact">Output, shots.Length × n.</param>
    public static void GatherPosteriors(Index1D index, ArrayView<int> shots, DeviceBatchViews batch, int variables, ArrayView<double> compact)
    {
        int shot = shots[index];
        for (int v = 0; v < variables; v++)
        {
            compact[(long)(int)index * variables + v] = batch.Posterior[(long)v * batch.Stride + shot];
        }
    }
}

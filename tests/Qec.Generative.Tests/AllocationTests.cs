using Qec.Core.Sampling;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>
/// After warm-up, inference allocates nothing (GC.GetAllocatedBytesForCurrentThread around a second pass of
/// Sample, Greedy, LogProbability and Conditionals over the same workspace; tolerance 0 bytes).
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void PixelCnnInferenceAllocatesNothingAfterWarmUp()
    {
        var model = new PixelCnnNetwork<float>(new PixelCnnConfig(6, 6, Channels: 8, HalfWidth: 2, Layers: 3, Residual: true, ConditionSize: 4), seed: 1);
        Assert.Equal(0, SteadyStateBytes(model, [1, 0, 0, 1]));
        var unconditioned = new PixelCnnNetwork<double>(new PixelCnnConfig(4, 4, Channels: 4, HalfWidth: 1, Layers: 1), seed: 2);
        Assert.Equal(0, SteadyStateBytes(unconditioned, []));
    }

    [Fact]
    public void MadeInferenceAllocatesNothingAfterWarmUp()
    {
        var model = new MadeNetwork<float>(new MadeConfig(12, ConditionSize: 4, HiddenWidth: 16, HiddenLayers: 2), seed: 3);
        Assert.Equal(0, SteadyStateBytes(model, [0, 1, 1, 0]));
    }

    private static long SteadyStateBytes<T>(IAutoregressiveModel<T> model, byte[] condition)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var ws = model.CreateWorkspace();
        var bits = new byte[model.Variables];
        var p = new T[model.Variables];
        var rng = new Xoshiro256StarStar(4);
        T Pass(ref Xoshiro256StarStar r)
        {
            T sum = T.Zero;
            for (int k = 0; k < 20; k++)
            {
                sum += model.Sample(bits, condition, ref r, ws);
                sum += model.LogProbability(bits, condition, ws);
                sum += model.Greedy(bits, condition, ws);
                sum += model.Conditionals(bits, condition, p, ws);
            }
            return sum;
        }
        Pass(ref rng);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pass(ref rng);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

using Qec.Core.Decoding;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Gpu;
using Qec.TensorNetwork.Decoding;
using Qec.TensorNetwork.Gpu;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Gpu;

/// <summary>
/// Boundary mode's ILGPU kernel on ILGPU's CPU accelerator, fresh random shots each run (seed printed): the class
/// weights of every shot equal the CPU path's bit for bit — the kernel runs the same engine over index-major device
/// memory — at a χ that truncates and at one that does not; the decisions through DecodeBatch equal the single-shot
/// ones; the kernel compiles to PTX without unresolved functions.
/// </summary>
public class BoundaryKernelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("bitflip", 5, 8, 40)]
    [InlineData("depolarizing", 5, 4, 24)]
    [InlineData("depolarizing", 3, 16, 24)]
    public void Kernel_weights_equal_the_cpu_path(string noise, int d, int chi, int shots)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise == "bitflip" ? NoiseModel.CodeCapacity : NoiseModel.CodeCapacityDepolarizing, 0.12);
        ulong seed = (ulong)Random.Shared.NextInt64();
        output.WriteLine($"{noise} d={d} chi={chi}: seed {seed}");
        var (dets, _) = new DemSampler(model).Sample(shots, seed);
        string[] options = ["mode=boundary", $"chi={chi}"];
        var cpu = (TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Parse(options));
        var gpu = (TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Parse([.. options, "device=ilgpu-cpu"]));
        Assert.IsType<GpuBoundaryBatch>(gpu.Gpu);
        int classes = 1 << cpu.NumObservables, db = (cpu.NumDetectors + 7) >> 3, ob = (cpu.NumObservables + 7) >> 3;
        var weights = new double[shots * classes];
        gpu.Gpu!.Solve(dets, weights, shots);
        var single = cpu.CreateDecoder();
        var flips = new byte[ob];
        var batchFlips = new byte[shots * ob];
        gpu.CreateDecoder().DecodeBatch(dets, batchFlips, shots);
        bool truncated = false;
        for (int s = 0; s < shots; s++)
        {
            single.Decode(dets.AsSpan(s * db, db), flips);
            truncated |= single.LastDiscardedWeight > 1e-20;
            for (int c = 0; c < classes; c++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(single.LogClassWeights[c]), BitConverter.DoubleToInt64Bits(weights[s * classes + c]));
            }
            Assert.True(flips.AsSpan().SequenceEqual(batchFlips.AsSpan(s * ob, ob)), $"shot {s}: decisions differ");
        }
        output.WriteLine($"some shot truncated: {truncated}");
    }

    [Fact]
    public void The_kernel_compiles_to_ptx()
    {
        string ptx = PtxCompiler.Compile(typeof(BoundaryKernel).GetMethod(nameof(BoundaryKernel.Sweep))!);
        Assert.Contains(".entry", ptx);
        Assert.DoesNotContain(".extern", ptx);
    }
}

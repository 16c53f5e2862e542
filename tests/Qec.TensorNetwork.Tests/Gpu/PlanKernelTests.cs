using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Gpu;
using Qec.TensorNetwork.Decoding;
using Qec.TensorNetwork.Gpu;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Gpu;

/// <summary>
/// tn's ILGPU kernel on ILGPU's CPU accelerator, fresh random shots each run (seed printed): the class
/// weights of every shot equal the CPU exact path's bit for bit, and so do the decisions through
/// DecodeBatch; the kernel compiles to PTX without unresolved functions or fusable products.
/// </summary>
public class PlanKernelTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Models => new() { { "bitflip-d5", 48 }, { "depolarizing-d3", 32 }, { "circuit-d3", 12 } };

    [Theory]
    [MemberData(nameof(Models))]
    public void Kernel_weights_equal_the_cpu_path(string name, int shots)
    {
        var model = name switch
        {
            "bitflip-d5" => CodeGenerators.RotatedSurfaceCode(5, 1, NoiseModel.CodeCapacity, 0.1),
            "depolarizing-d3" => CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, 0.15),
            _ => DetectorErrorModel.Load(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dem")),
        };
        ulong seed = (ulong)Random.Shared.NextInt64();
        output.WriteLine($"{name}: seed {seed}");
        // Circuit-level shots at the DEM's own noise are mostly empty: sample at 5× the noise for busy syndromes.
        var sampled = name == "circuit-d3" ? Scaled(model, 5) : model;
        var (dets, _) = new DemSampler(sampled).Sample(shots, seed);
        var cpu = (TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Empty);
        var gpu = (TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Parse(["device=ilgpu-cpu"]));
        Assert.NotNull(gpu.Gpu);
        int classes = 1 << cpu.NumObservables, db = (cpu.NumDetectors + 7) >> 3, ob = (cpu.NumObservables + 7) >> 3;
        var weights = new double[shots * classes];
        gpu.Gpu!.Solve(dets, weights, shots);
        var single = cpu.CreateDecoder();
        var flips = new byte[ob];
        var batchFlips = new byte[shots * ob];
        gpu.CreateDecoder().DecodeBatch(dets, batchFlips, shots);
        for (int s = 0; s < shots; s++)
        {
            single.Decode(dets.AsSpan(s * db, db), flips);
            for (int c = 0; c < classes; c++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(single.LogClassWeights[c]), BitConverter.DoubleToInt64Bits(weights[s * classes + c]));
            }
            Assert.True(flips.AsSpan().SequenceEqual(batchFlips.AsSpan(s * ob, ob)), $"shot {s}: decisions differ");
        }
    }

    [Fact]
    public void The_kernel_compiles_to_ptx()
    {
        string ptx = PtxCompiler.Compile(typeof(PlanKernel).GetMethod(nameof(PlanKernel.Contract))!);
        Assert.Contains(".entry", ptx);
        Assert.DoesNotContain(".extern", ptx);
        Assert.Contains("mul.rn.f64", ptx);
    }

    [Fact]
    public void Pruned_mode_refuses_a_device()
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1);
        var e = Assert.Throws<ArgumentException>(() => new TnDecoderFactory().Compile(model, DecoderOptions.Parse(["mode=pruned", "device=ilgpu-cpu"])));
        Assert.Contains("pruned mode runs on the CPU", e.Message);
    }

    private static DetectorErrorModel Scaled(DetectorErrorModel model, double factor) =>
        DetectorErrorModel.Parse(string.Join('\n', model.ToString().Split('\n').Select(line =>
        {
            if (!line.StartsWith("error(", StringComparison.Ordinal))
            {
                return line;
            }
            int close = line.IndexOf(')');
            double p = double.Parse(line[6..close], System.Globalization.CultureInfo.InvariantCulture);
            return $"error({Math.Min(0.4, p * factor).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}){line[(close + 1)..]}";
        })));
}

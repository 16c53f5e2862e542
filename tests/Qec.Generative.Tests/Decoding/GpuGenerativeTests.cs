using Qec.Core.Sampling;
using Qec.Generative.Decoding;
using Qec.Generative.Gpu;
using Qec.Gpu;

namespace Qec.Generative.Tests.Decoding;

/// <summary>The ILGPU batch path equals the CPU path on ILGPU's CPU accelerator (fixed seeds): decisions exactly, log-odds to a tolerance.</summary>
public sealed class GpuGenerativeTests
{
    [Theory]
    [InlineData(false, "exact", false)]
    [InlineData(true, "exact", false)]
    [InlineData(false, "greedy", false)]
    [InlineData(false, "exact", true)]
    [InlineData(true, "greedy", true)]
    public void DeviceBatchEqualsCpuPath(bool f64, string search, bool singleObservable)
    {
        var dem = singleObservable ? TinyGen.CodeCapacity() : TinyGen.TwoPatches();
        string path = TinyGen.Untrained(dem, "gpu.st", singleObservable ? "mwpm" : GenerativeModelFile.NoBase, seed: 21, width: 12);
        string[] options = [$"model={path}", $"search={search}", $"precision={(f64 ? "f64" : "f32")}"];
        var cpu = TinyGen.Compile(dem, options).CreateDecoder();
        var device = TinyGen.Compile(dem, [.. options, "device=ilgpu-cpu"]).CreateDecoder();
        Assert.True(device.PrefersBatches);
        const int shots = 64;
        int db = (int)(dem.NumDetectors + 7) / 8;
        var (dets, _) = new DemSampler(dem).Sample(shots, 17);
        var expected = new byte[shots];
        var expectedOdds = new double[shots];
        for (int s = 0; s < shots; s++)
        {
            expectedOdds[s] = cpu.DecodeDetailed(dets.AsSpan(s * db, db), expected.AsSpan(s, 1)).SoftOutput;
        }
        var actual = new byte[shots];
        Array.Fill(actual, (byte)0xEE);
        var odds = new double[shots];
        if (f64)
        {
            var d = (GenerativeDecoder<double>)device;
            d.DecodeOnDevice(Compiled<double>(dem, options).Gpu!, dets, actual, shots, odds);
        }
        else
        {
            var d = (GenerativeDecoder<float>)device;
            d.DecodeOnDevice(Compiled<float>(dem, options).Gpu!, dets, actual, shots, odds);
        }
        Assert.Equal(expected, actual);
        for (int s = 0; s < shots; s++)
        {
            Assert.Equal(expectedOdds[s], odds[s], f64 ? 1e-9 : 1e-3);
        }
        var viaBatch = new byte[shots];
        device.DecodeBatch(dets, viaBatch, shots);
        Assert.Equal(expected, viaBatch);
    }

    private static GenerativeCompiledDecoder<T> Compiled<T>(Qec.Core.Dem.DetectorErrorModel dem, string[] options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (GenerativeCompiledDecoder<T>)TinyGen.Compile(dem, [.. options, "device=ilgpu-cpu"]);

    [Theory]
    [InlineData(nameof(MadeKernel.ForwardF32))]
    [InlineData(nameof(MadeKernel.ForwardF64))]
    public void KernelCompilesToPtx(string kernel)
    {
        string ptx = PtxCompiler.Compile(typeof(MadeKernel).GetMethod(kernel)!);
        Assert.Contains(".entry", ptx);
    }
}

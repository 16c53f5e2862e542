using ILGPU;
using ILGPU.Runtime;

namespace Qec.Gpu.Tests;

/// <summary>Accelerator choice, device buffers and the device arithmetic, on ILGPU's CPU accelerator.</summary>
public class GpuPlumbingTests
{
    [Fact]
    public void The_cpu_accelerator_opens_once_and_is_shared()
    {
        var first = GpuAccelerator.Open(AcceleratorPreference.Cpu);
        Assert.Same(first, GpuAccelerator.Open(AcceleratorPreference.Cpu));
        Assert.Equal(AcceleratorType.CPU, first.Kind);
    }

    [Fact]
    public void Best_falls_back_to_the_cpu_accelerator_when_there_is_no_gpu()
    {
        bool hasGpu = GpuAccelerator.Context.Devices.Any(d => d.AcceleratorType is AcceleratorType.Cuda or AcceleratorType.OpenCL);
        var best = GpuAccelerator.Open(AcceleratorPreference.Best);
        Assert.Equal(hasGpu, best.Kind != AcceleratorType.CPU);
    }

    [Fact]
    public void Asking_for_an_absent_device_names_what_there_is()
    {
        if (GpuAccelerator.Context.Devices.Any(d => d.AcceleratorType == AcceleratorType.Cuda))
        {
            return;  // a Cuda machine has what is asked for
        }
        var e = Assert.Throws<InvalidOperationException>(() => GpuAccelerator.Open(AcceleratorPreference.Cuda));
        Assert.Contains("no Cuda accelerator", e.Message);
        Assert.Contains("CPU", e.Message);
    }

    [Fact]
    public void A_buffer_grows_and_round_trips_its_data()
    {
        var device = GpuAccelerator.Open(AcceleratorPreference.Cpu);
        using var buffer = new DeviceBuffer<double>(device.Accelerator);
        var small = buffer.Upload([1.0, 2.0, 3.0]);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Read(small, 3));
        var data = Enumerable.Range(0, 1000).Select(i => i * 0.5).ToArray();
        var large = buffer.Upload(data);
        Assert.True(large.Length >= 1000);
        Assert.Equal(data, Read(large, 1000));
    }

    private static double[] Read(ArrayView<double> view, int length)
    {
        var host = new double[length];
        view.SubView(0, length).CopyToCPU(host);
        return host;
    }

    [Fact]
    public void Device_products_equal_the_cpu_products_in_a_kernel()
    {
        var device = GpuAccelerator.Open(AcceleratorPreference.Cpu);
        var random = new Random(5);
        var a = Enumerable.Range(0, 64).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var b = Enumerable.Range(0, 64).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        using var x = device.Accelerator.Allocate1D(a);
        using var y = device.Accelerator.Allocate1D(b);
        using var z = device.Accelerator.Allocate1D<double>(64);
        var kernel = device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>(TestKernels.Product);
        kernel(64, x.View, y.View, z.View);
        device.Accelerator.Synchronize();
        Assert.Equal(a.Zip(b, (p, q) => p * q + 1.0), z.GetAsArray1D<double>());
    }

    [Fact]
    public void The_product_kernel_compiles_to_unfusable_ptx()
    {
        string ptx = PtxCompiler.Compile(typeof(TestKernels).GetMethod(nameof(TestKernels.Product))!);
        Assert.Contains("mul.rn.f64", ptx);
        Assert.DoesNotContain(".extern", ptx);
    }
}

/// <summary>Kernels of the plumbing tests.</summary>
public static class TestKernels
{
    /// <summary>z[i] = x[i]·y[i] + 1 with the product from <see cref="DeviceMath.Multiply"/>.</summary>
    public static void Product(Index1D i, ArrayView<double> x, ArrayView<double> y, ArrayView<double> z) =>
        z[i] = DeviceMath.Multiply(x[i], y[i]) + 1.0;
}

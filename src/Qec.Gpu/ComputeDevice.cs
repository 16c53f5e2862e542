namespace Qec.Gpu;

/// <summary>
/// Where a decoder decodes batches of shots (the decoder option <c>device</c>, shared by every decoder
/// family with a GPU path). Single shots always run on the CPU.
/// </summary>
public enum ComputeDevice
{
    /// <summary><c>cpu</c> (default): the plain C# path.</summary>
    Cpu,

    /// <summary><c>gpu</c>: the best ILGPU accelerator, Cuda before OpenCL; an error when there is none.</summary>
    Gpu,

    /// <summary><c>auto</c>: Cuda, else OpenCL, else the plain C# path.</summary>
    Auto,

    /// <summary><c>cuda</c>: an NVIDIA GPU through ILGPU's Cuda backend; an error when there is none.</summary>
    Cuda,

    /// <summary><c>opencl</c>: an OpenCL device through ILGPU; an error when there is none.</summary>
    OpenCL,

    /// <summary><c>ilgpu-cpu</c>: ILGPU's CPU accelerator, a slow simulator of the kernels (tests, debugging).</summary>
    IlgpuCpu,
}

/// <summary>The <c>device</c> option: its names and what each opens.</summary>
public static class ComputeDevices
{
    /// <summary>Option key.</summary>
    public const string Key = "device";

    /// <summary>Accepted values, canonical names first.</summary>
    public static readonly (string Name, ComputeDevice Device)[] Names =
        [("cpu", ComputeDevice.Cpu), ("gpu", ComputeDevice.Gpu), ("auto", ComputeDevice.Auto), ("cuda", ComputeDevice.Cuda),
         ("opencl", ComputeDevice.OpenCL), ("ilgpu-cpu", ComputeDevice.IlgpuCpu)];

    /// <summary>
    /// The accelerator a device choice asks for: none for <c>cpu</c>; for <c>auto</c> a GPU when there is
    /// one, else none; otherwise that kind, or an <see cref="ArgumentException"/> naming
    /// <paramref name="decoder"/>, the option and what the machine has.
    /// </summary>
    public static GpuAccelerator? Open(ComputeDevice device, string decoder)
    {
        var preference = device switch
        {
            ComputeDevice.Cpu => (AcceleratorPreference?)null,
            ComputeDevice.Auto or ComputeDevice.Gpu => AcceleratorPreference.Gpu,
            ComputeDevice.Cuda => AcceleratorPreference.Cuda,
            ComputeDevice.OpenCL => AcceleratorPreference.OpenCL,
            _ => AcceleratorPreference.Cpu,
        };
        if (preference is not { } wanted)
        {
            return null;
        }
        try
        {
            return GpuAccelerator.Open(wanted);
        }
        catch (InvalidOperationException) when (device == ComputeDevice.Auto)
        {
            return null;  // auto: no GPU here, the plain C# path decodes batches
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{decoder}: decoder option {Key}: {e.Message}", e);
        }
    }
}

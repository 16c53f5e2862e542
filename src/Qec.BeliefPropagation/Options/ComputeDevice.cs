namespace Qec.BeliefPropagation.Options;

/// <summary>Where batches of shots are decoded (option <c>device</c>). Single shots always run on the CPU.</summary>
public enum ComputeDevice
{
    /// <summary><c>cpu</c> (default): the plain C# path, one decoder per thread.</summary>
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

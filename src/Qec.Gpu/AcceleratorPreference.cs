namespace Qec.Gpu;

/// <summary>Which ILGPU accelerator to open.</summary>
public enum AcceleratorPreference
{
    /// <summary>The best there is: Cuda, else OpenCL, else ILGPU's CPU accelerator.</summary>
    Best,

    /// <summary>A GPU: Cuda, else OpenCL; an error when the machine has neither.</summary>
    Gpu,

    /// <summary>An NVIDIA GPU through the Cuda backend; an error when there is none.</summary>
    Cuda,

    /// <summary>An OpenCL device; an error when there is none.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator: a slow simulator of the kernels (tests and debugging).</summary>
    Cpu,
}

using System.Reflection;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Qec.Gpu;

/// <summary>
/// Compiles a kernel to PTX without a GPU (ILGPU's PTX backend needs no driver), so a machine without
/// Cuda can still check that every kernel is within what ILGPU translates for NVIDIA cards.
/// </summary>
public static class PtxCompiler
{
    /// <summary>The PTX assembly of an implicitly grouped kernel (first parameter an Index1D), for sm_90.</summary>
    public static string Compile(MethodInfo kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var backend = new PTXBackend(GpuAccelerator.Context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var specialization = new KernelSpecialization();
        var compiled = (PTXCompiledKernel)backend.Compile(entry, specialization);
        return compiled.PTXAssembly;
    }
}

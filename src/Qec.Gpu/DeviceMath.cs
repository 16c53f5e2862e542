using ILGPU.Runtime.Cuda;

namespace Qec.Gpu;

/// <summary>
/// Arithmetic that rounds the same on every device. A PTX <c>mul.f64</c> followed by an add may be
/// fused into one FMA by the driver's compiler (one rounding instead of two), while the CPU JIT never
/// fuses: results would differ in the last bit and, rarely, a hard decision with them. Kernel code
/// therefore multiplies with <see cref="Multiply"/>: PTX <c>mul.rn.f64</c> on Cuda, which the PTX rules
/// forbid fusing, and a plain product elsewhere. (ILGPU 1.5 has no FMA intrinsic: .NET's
/// Math.FusedMultiplyAdd becomes an unresolved external in PTX, so no kernel may use it.)
/// </summary>
public static class DeviceMath
{
    /// <summary>a·b, rounded once, never fused into a following add.</summary>
    public static double Multiply(double a, double b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mul.rn.f64 %0, %1, %2;", out double product, a, b);
            return product;
        }
        return a * b;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qec.TensorNetwork.Tensors;

/// <summary>
/// The two number types tensors hold: <see cref="double"/> (probabilities, partition functions) and
/// <see cref="Complex"/> (circuit amplitudes). Generic code asks here for what <see cref="INumberBase{TSelf}"/>
/// does not give: a magnitude as a double and scaling by a double. The type tests fold away when the JIT
/// specializes a method for one of the two.
/// </summary>
public static class Scalars
{
    /// <summary>|x| as a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Magnitude<T>(T x)
        where T : INumberBase<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Math.Abs(Unsafe.As<T, double>(ref x));
        }
        if (typeof(T) == typeof(Complex))
        {
            return Complex.Abs(Unsafe.As<T, Complex>(ref x));
        }
        throw new NotSupportedException($"tensors hold double or Complex, not {typeof(T).Name}");
    }

    /// <summary>x · factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scale<T>(T x, double factor)
        where T : INumberBase<T>
    {
        if (typeof(T) == typeof(double))
        {
            double r = Unsafe.As<T, double>(ref x) * factor;
            return Unsafe.As<double, T>(ref r);
        }
        if (typeof(T) == typeof(Complex))
        {
            var r = Unsafe.As<T, Complex>(ref x) * factor;
            return Unsafe.As<Complex, T>(ref r);
        }
        throw new NotSupportedException($"tensors hold double or Complex, not {typeof(T).Name}");
    }
}

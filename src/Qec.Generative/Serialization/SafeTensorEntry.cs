using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Qec.Generative.Parameters;

namespace Qec.Generative.Serialization;

/// <summary>One tensor of a safetensors file: its name, dtype, shape and raw little-endian bytes (already checked
/// to be exactly Π shape × element size long).</summary>
public sealed class SafeTensorEntry
{
    internal SafeTensorEntry(string name, SafeTensorDType dtype, int[] shape, ReadOnlyMemory<byte> data)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>The tensor's key in the header.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The raw bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The number of elements.</summary>
    public int ElementCount => Data.Length / (DType == SafeTensorDType.F32 ? 4 : 8);

    /// <summary>Copies the values into <paramref name="target"/>, converting F32 ↔ F64 when T differs (a
    /// same-type copy is bit for bit). Throws <see cref="SafeTensorsException"/> on a shape mismatch.</summary>
    public void CopyTo<T>(ParameterTensor<T> target, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Shape.SequenceEqual(target.Shape))
            throw new SafeTensorsException(path, $"tensor '{Name}' has shape [{string.Join(", ", Shape)}], the model expects {target.ShapeText}");
        var bytes = Data.Span;
        var values = target.Data.AsSpan();
        if (DType == SafeTensorDType.F32)
        {
            if (typeof(T) == typeof(float) && BitConverter.IsLittleEndian) { bytes.CopyTo(MemoryMarshal.AsBytes(values)); return; }
            for (int k = 0; k < values.Length; k++) values[k] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * k)..]));
        }
        else
        {
            if (typeof(T) == typeof(double) && BitConverter.IsLittleEndian) { bytes.CopyTo(MemoryMarshal.AsBytes(values)); return; }
            for (int k = 0; k < values.Length; k++) values[k] = T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * k)..]));
        }
    }
}

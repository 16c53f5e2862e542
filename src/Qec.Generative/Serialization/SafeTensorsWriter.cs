using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Qec.Generative.Parameters;

namespace Qec.Generative.Serialization;

/// <summary>
/// Writes tensors in the safetensors layout described on <see cref="SafeTensorsFile"/>: tensors in the given order,
/// packed without gaps, the header padded with spaces to a multiple of 8 bytes so the data section stays aligned.
/// The file is written beside the target and renamed over it, so a crash never leaves a half-written model.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (dtype F32 for float, F64 for double) and the string
    /// <paramref name="metadata"/> to <paramref name="path"/>.</summary>
    public static void Write<T>(string path, IReadOnlyList<ParameterTensor<T>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writing needs a little-endian machine");
        string dtype = typeof(T) == typeof(float) ? "F32"
            : typeof(T) == typeof(double) ? "F64"
            : throw new NotSupportedException($"safetensors writing supports float and double, not {typeof(T).Name}");
        int size = typeof(T) == typeof(float) ? 4 : 8;
        byte[] header = Header(tensors, metadata, dtype, size);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Span<byte> length = stackalloc byte[SafeTensorsFile.LengthPrefixSize];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var tensor in tensors) stream.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] Header<T>(IReadOnlyList<ParameterTensor<T>> tensors, IReadOnlyDictionary<string, string>? metadata, string dtype, int size)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in tensors)
            {
                if (tensor.Name == "__metadata__") throw new ArgumentException("a tensor cannot be named __metadata__");
                long bytes = (long)tensor.Data.Length * size;
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (int dim in tensor.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        while (buffer.Length < padded) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }
}

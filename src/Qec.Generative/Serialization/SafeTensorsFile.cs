using System.Buffers.Binary;
using System.Text.Json;

namespace Qec.Generative.Serialization;

/// <summary>
/// A parsed safetensors file (https://github.com/huggingface/safetensors, "Format"):
/// <code>
///  0           8                   8 + N                      end of file
///  +-----------+-------------------+--------------------------+
///  | N: u64 LE | header: N bytes   | data: the tensors' bytes |
///  +-----------+-------------------+--------------------------+
/// </code>
/// The header is a UTF-8 JSON object: "__metadata__" → {string: string} (optional), and for every tensor
/// name → {"dtype": "F32" | "F64", "shape": [d0, d1, …], "data_offsets": [begin, end]} with offsets relative to
/// the start of the data section, end − begin = Π shape × element size. Every check failure throws a
/// <see cref="SafeTensorsException"/> naming the file and the fault; nothing is returned half-read.
/// </summary>
public sealed class SafeTensorsFile
{
    /// <summary>The header-length field's size.</summary>
    public const int LengthPrefixSize = 8;

    /// <summary>Headers longer than this are rejected before anything is buffered (a corrupt length).</summary>
    public const long MaxHeaderLength = 100L << 20;

    private readonly Dictionary<string, SafeTensorEntry> _tensors;

    private SafeTensorsFile(string path, Dictionary<string, string> metadata, Dictionary<string, SafeTensorEntry> tensors)
    {
        Path = path;
        Metadata = metadata;
        _tensors = tensors;
    }

    /// <summary>The file this was read from (for messages).</summary>
    public string Path { get; }

    /// <summary>The "__metadata__" map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, SafeTensorEntry> Tensors => _tensors;

    /// <summary>The tensor named <paramref name="name"/>, or a <see cref="SafeTensorsException"/> saying it is missing.</summary>
    public SafeTensorEntry Get(string name) =>
        _tensors.TryGetValue(name, out var entry) ? entry : throw new SafeTensorsException(Path, $"missing tensor '{name}'");

    /// <summary>Reads and checks the whole file.</summary>
    public static SafeTensorsFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException(path, $"cannot be read: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses and checks a whole file already in memory; <paramref name="path"/> names it in errors.</summary>
    public static SafeTensorsFile Parse(ReadOnlyMemory<byte> file, string path)
    {
        if (file.Length < LengthPrefixSize)
            throw new SafeTensorsException(path, $"truncated: {file.Length} bytes, shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file.Span);
        if (headerLength > (ulong)MaxHeaderLength)
            throw new SafeTensorsException(path, $"header length {headerLength} exceeds the maximum {MaxHeaderLength} (corrupt length field?)");
        if (headerLength > (ulong)(file.Length - LengthPrefixSize))
            throw new SafeTensorsException(path, $"truncated: header length {headerLength} but only {file.Length - LengthPrefixSize} bytes follow the length field");
        var header = file.Slice(LengthPrefixSize, (int)headerLength);
        var data = file[(LengthPrefixSize + (int)headerLength)..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsException(path, $"header is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsException(path, $"header is a JSON {document.RootElement.ValueKind}, not an object");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new Dictionary<string, SafeTensorEntry>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") ReadMetadata(property.Value, metadata, path);
                else tensors[property.Name] = ReadEntry(property.Name, property.Value, data, path);
            }
            return new SafeTensorsFile(path, metadata, tensors);
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(path, $"__metadata__ is a JSON {element.ValueKind}, not an object of strings");
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsException(path, $"__metadata__ entry '{item.Name}' is a JSON {item.Value.ValueKind}, not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorEntry ReadEntry(string name, JsonElement element, ReadOnlyMemory<byte> data, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(path, $"tensor '{name}' is a JSON {element.ValueKind}, not an object");
        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafeTensorsException(path, $"tensor '{name}' has no string \"dtype\"");
        var dtype = dtypeElement.GetString() switch
        {
            "F32" => SafeTensorDType.F32,
            "F64" => SafeTensorDType.F64,
            var other => throw new SafeTensorsException(path, $"tensor '{name}' has dtype '{other}'; only F32 and F64 are supported"),
        };
        int[] shape = ReadIntegers(name, "shape", element, path, int.MaxValue);
        long[] offsets = Array.ConvertAll(ReadIntegers(name, "data_offsets", element, path, int.MaxValue), v => (long)v);
        if (offsets.Length != 2)
            throw new SafeTensorsException(path, $"tensor '{name}' has {offsets.Length} data_offsets, not 2 ([begin, end])");
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > data.Length)
            throw new SafeTensorsException(path, $"tensor '{name}' data_offsets [{begin}, {end}] are out of range: the data section is {data.Length} bytes");
        long count = 1;
        foreach (int dim in shape) count = Math.Min(count * dim, long.MaxValue / 16);
        long expected = count * (dtype == SafeTensorDType.F32 ? 4 : 8);
        if (end - begin != expected)
            throw new SafeTensorsException(path, $"tensor '{name}' spans {end - begin} bytes but {dtype} [{string.Join(", ", shape)}] needs {expected}");
        return new SafeTensorEntry(name, dtype, shape, data.Slice((int)begin, (int)(end - begin)));
    }

    private static int[] ReadIntegers(string name, string field, JsonElement element, string path, int max)
    {
        if (!element.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsException(path, $"tensor '{name}' has no \"{field}\" array");
        var values = new int[array.GetArrayLength()];
        int k = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0 || v > max)
                throw new SafeTensorsException(path, $"tensor '{name}' {field}[{k}] = {item.GetRawText()} is not an integer in [0, {max}]");
            values[k++] = (int)v;
        }
        return values;
    }
}

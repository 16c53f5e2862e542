using System.Numerics;
using Qec.Generative.Models;

namespace Qec.Generative.Serialization;

/// <summary>
/// Saves and loads whole models as safetensors: the parameters under their names, and in "__metadata__" the
/// architecture ("model.kind", "model.variables", … from <see cref="IAutoregressiveModel{T}.DescribeArchitecture"/>)
/// plus any caller keys (e.g. "dem.hash", "dem.detectors", "dem.observables"). Keys starting with "model." are reserved.
/// </summary>
public static class ModelFile
{
    private const string ReservedPrefix = "model.";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (F32 for float, F64 for double).</summary>
    public static void Save<T>(IAutoregressiveModel<T> model, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = new Dictionary<string, string>(model.DescribeArchitecture(), StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"metadata key '{key}' is reserved for the architecture (prefix '{ReservedPrefix}')", nameof(metadata));
            all[key] = value;
        }
        SafeTensorsWriter.Write(path, [.. model.Parameters], all);
    }

    /// <summary>Rebuilds the model saved at <paramref name="path"/> in precision T (an F32 file loads into a
    /// double model and vice versa, converting). <paramref name="metadata"/> receives the whole metadata map.</summary>
    public static IAutoregressiveModel<T> Load<T>(string path, out IReadOnlyDictionary<string, string> metadata)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var file = SafeTensorsFile.Read(path);
        metadata = file.Metadata;
        if (!file.Metadata.TryGetValue("model.kind", out var kind))
            throw new SafeTensorsException(path, "metadata 'model.kind' is missing: not a qecd model file");
        IAutoregressiveModel<T> model;
        try
        {
            model = kind switch
            {
                MadeNetwork<T>.KindName => new MadeNetwork<T>(MadeConfig.FromMetadata(file.Metadata, path)),
                PixelCnnNetwork<T>.KindName => new PixelCnnNetwork<T>(PixelCnnConfig.FromMetadata(file.Metadata, path)),
                _ => throw new SafeTensorsException(path, $"metadata 'model.kind' = '{kind}' is not a known model (made, pixelcnn)"),
            };
        }
        catch (InvalidDataException e)
        {
            throw new SafeTensorsException(path, e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message, e);
        }
        CopyParameters(file, model);
        return model;
    }

    /// <summary>As <see cref="Load{T}(string, out IReadOnlyDictionary{string, string})"/>, dropping the metadata.</summary>
    public static IAutoregressiveModel<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T> => Load<T>(path, out _);

    /// <summary>Overwrites the parameters of an existing <paramref name="model"/> with those saved at
    /// <paramref name="path"/>. Every tensor must be present with the model's shape, and no other tensor may be.</summary>
    public static void LoadInto<T>(IAutoregressiveModel<T> model, string path) where T : unmanaged, IFloatingPointIeee754<T> =>
        CopyParameters(SafeTensorsFile.Read(path), model);

    private static void CopyParameters<T>(SafeTensorsFile file, IAutoregressiveModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Check everything before writing anything, so a bad file leaves the model unchanged.
        foreach (var tensor in model.Parameters)
        {
            var entry = file.Get(tensor.Name);
            if (!entry.Shape.SequenceEqual(tensor.Shape))
                throw new SafeTensorsException(file.Path, $"tensor '{tensor.Name}' has shape [{string.Join(", ", entry.Shape)}], the model expects {tensor.ShapeText}");
        }
        foreach (var name in file.Tensors.Keys)
        {
            if (!model.Parameters.Contains(name)) throw new SafeTensorsException(file.Path, $"unexpected tensor '{name}': the model has no such parameter");
        }
        foreach (var tensor in model.Parameters) file.Get(tensor.Name).CopyTo(tensor, file.Path);
    }
}

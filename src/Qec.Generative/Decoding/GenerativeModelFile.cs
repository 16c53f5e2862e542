using System.Globalization;
using System.Numerics;
using Qec.Core.Dem;
using Qec.Generative.Models;
using Qec.Generative.Serialization;

namespace Qec.Generative.Decoding;

/// <summary>
/// A trained <c>gen</c> model on disk: a <see cref="ModelFile"/> whose metadata also names the detector error model
/// it was trained for — <c>gen.dem_hash</c> (SHA-256 of the model's canonical text,
/// <see cref="DetectorErrorModel.ContentHash"/>), <c>gen.detectors</c>, <c>gen.observables</c> — and the base decoder
/// it corrects (<c>gen.base</c>: <c>none</c>, or a decoder name such as <c>mwpm</c>). The network's variables are the
/// k logical bits; its condition is the D detector bits, followed by the base decoder's k predicted bits when there is
/// one (then the variables are the residual ℓ ⊕ base prediction).
/// </summary>
public static class GenerativeModelFile
{
    /// <summary>Metadata keys.</summary>
    public const string DemHashKey = "gen.dem_hash", DetectorsKey = "gen.detectors", ObservablesKey = "gen.observables", BaseKey = "gen.base";

    /// <summary>The value of <see cref="BaseKey"/> for a model without a base decoder.</summary>
    public const string NoBase = "none";

    /// <summary>The condition size of a model for <paramref name="detectors"/> detectors and <paramref name="observables"/> observables.</summary>
    public static int ConditionSize(int detectors, int observables, string baseDecoder) =>
        detectors + (baseDecoder == NoBase ? 0 : observables);

    /// <summary>Writes <paramref name="model"/> with the metadata of <paramref name="dem"/> and <paramref name="baseDecoder"/>.</summary>
    public static void Save<T>(IAutoregressiveModel<T> model, string path, DetectorErrorModel dem, string baseDecoder,
        IReadOnlyDictionary<string, string>? extra = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dem);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DemHashKey] = dem.ContentHash(),
            [DetectorsKey] = dem.NumDetectors.ToString(CultureInfo.InvariantCulture),
            [ObservablesKey] = dem.NumObservables.ToString(CultureInfo.InvariantCulture),
            [BaseKey] = baseDecoder,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            metadata.TryAdd(key, value);
        }
        ModelFile.Save(model, path, metadata);
    }

    /// <summary>
    /// Loads the model at <paramref name="path"/> for <paramref name="dem"/>. Throws <see cref="FileNotFoundException"/>
    /// when there is no file, <see cref="SafeTensorsException"/> (an <see cref="IOException"/> naming the file) when it is
    /// truncated, corrupt or not a gen model, and <see cref="ArgumentException"/> when it was trained for another model.
    /// </summary>
    public static MadeNetwork<T> Load<T>(string path, DetectorErrorModel dem, out string baseDecoder, out IReadOnlyDictionary<string, string> metadata)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dem);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"gen: model file '{path}' does not exist (train one with 'qecd train gen --dem F --out {path}')", path);
        }
        var loaded = ModelFile.Load<T>(path, out var meta);
        metadata = meta;
        if (loaded is not MadeNetwork<T> made)
        {
            throw new SafeTensorsException(path, $"model kind '{loaded.Kind}' is not a MADE network");
        }
        string Text(string key) => meta.TryGetValue(key, out var v)
            ? v
            : throw new SafeTensorsException(path, $"metadata '{key}' is missing: not a gen decoder model (write one with 'qecd train gen')");
        string hash = Text(DemHashKey), detectors = Text(DetectorsKey), observables = Text(ObservablesKey);
        baseDecoder = Text(BaseKey);
        string demDetectors = dem.NumDetectors.ToString(CultureInfo.InvariantCulture), demObservables = dem.NumObservables.ToString(CultureInfo.InvariantCulture);
        if (detectors != demDetectors || observables != demObservables)
        {
            throw new ArgumentException($"gen: model file '{path}' was trained for a DEM with {detectors} detectors and {observables} observables; " +
                                        $"this DEM has {demDetectors} detectors and {demObservables} observables");
        }
        if (hash != dem.ContentHash())
        {
            throw new ArgumentException($"gen: model file '{path}' was trained for another DEM (hash {Short(hash)}, this DEM's is {Short(dem.ContentHash())}): " +
                                        "same size, different error probabilities or structure; train a model for this DEM");
        }
        int k = (int)dem.NumObservables, condition = ConditionSize((int)dem.NumDetectors, k, baseDecoder);
        if (made.Variables != k || made.ConditionSize != condition)
        {
            throw new SafeTensorsException(path, $"the network has {made.Variables} variables and {made.ConditionSize} condition bits; " +
                                                 $"a gen model of this DEM (base {baseDecoder}) needs {k} and {condition}");
        }
        return made;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}

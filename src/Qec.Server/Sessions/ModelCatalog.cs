using System.Collections.Concurrent;
using Qec.Core.Dem;

namespace Qec.Server.Sessions;

/// <summary>
/// Detector error models the server knows by name (the host supplies them, e.g. the CLI's embedded
/// d=5 surface code). Each is parsed once, on first use, and its content hash computed once.
/// Thread-safe.
/// </summary>
public sealed class ModelCatalog
{
    private readonly IReadOnlyDictionary<string, Func<DetectorErrorModel>> _loaders;
    private readonly ConcurrentDictionary<string, Lazy<ParsedModel>> _parsed = new(StringComparer.Ordinal);

    /// <summary>A catalog of named model loaders.</summary>
    public ModelCatalog(IReadOnlyDictionary<string, Func<DetectorErrorModel>> loaders) => _loaders = loaders;

    /// <summary>Names of the built-in models, sorted.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>(_loaders.Keys);
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>The model named <paramref name="name"/>; NOT_FOUND listing the known names otherwise.</summary>
    public ParsedModel Get(string name)
    {
        if (!_loaders.TryGetValue(name, out var load))
        {
            string known = _loaders.Count == 0 ? "this server has none" : "known models are " + string.Join(", ", Names);
            throw QecServerException.NotFound($"unknown built-in model '{name}': {known}");
        }
        return _parsed.GetOrAdd(name, _ => new Lazy<ParsedModel>(() => ParsedModel.Of(load()))).Value;
    }
}

/// <summary>A parsed model with its content hash (SHA-256 of the canonical text) and a note for the client (e.g. a refused decomposition), or null.</summary>
public sealed record ParsedModel(DetectorErrorModel Model, string Hash, string? Note = null)
{
    /// <summary>Hashes a model.</summary>
    public static ParsedModel Of(DetectorErrorModel model) => new(model, model.ContentHash());
}

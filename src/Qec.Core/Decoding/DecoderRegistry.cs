namespace Qec.Core.Decoding;

/// <summary>
/// Decoders by name, for the command line and the server. Each decoder project adds its factories;
/// the application composes the registry once at start-up.
/// </summary>
public sealed class DecoderRegistry
{
    private readonly Dictionary<string, IDecoderFactory> _factories = new(StringComparer.Ordinal);

    /// <summary>A registry holding the given factories.</summary>
    public DecoderRegistry(params IEnumerable<IDecoderFactory> factories)
    {
        foreach (var f in factories)
        {
            Add(f);
        }
    }

    /// <summary>Registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _factories.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>All factories, sorted by name.</summary>
    public IEnumerable<IDecoderFactory> Factories => Names.Select(n => _factories[n]);

    /// <summary>Adds a factory; a duplicate name is a programming error.</summary>
    public void Add(IDecoderFactory factory)
    {
        if (!_factories.TryAdd(factory.Name, factory))
        {
            throw new InvalidOperationException($"decoder '{factory.Name}' is registered twice");
        }
    }

    /// <summary>The factory named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the known names.</summary>
    public IDecoderFactory Get(string name) => _factories.TryGetValue(name, out var f)
        ? f
        : throw new KeyNotFoundException($"unknown decoder '{name}': known decoders are {string.Join(", ", Names)}");

    /// <summary>Looks a factory up without throwing.</summary>
    public bool TryGet(string name, out IDecoderFactory factory) => _factories.TryGetValue(name, out factory!);
}

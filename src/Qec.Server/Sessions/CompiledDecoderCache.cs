using Qec.Core.Decoding;

namespace Qec.Server.Sessions;

/// <summary>
/// Compiled decoders shared by every session with the same (model content hash, decoder name,
/// canonical options). Invariant: an entry is in the table exactly while its reference count is
/// positive; each session holds one reference from creation to close. Compilation runs once per
/// key even when many sessions ask at the same moment (a lazy value, outside the table's lock).
/// </summary>
public sealed class CompiledDecoderCache
{
    private readonly object _lock = new();
    private readonly Dictionary<CompiledDecoderKey, CompiledDecoderEntry> _entries = new();

    /// <summary>Number of compiled decoders held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Takes a reference to the compiled decoder for <paramref name="key"/>, compiling it with
    /// <paramref name="compile"/> on first use. <paramref name="reused"/> says whether it existed.
    /// A failed compilation leaves no entry behind and is rethrown to every waiter.
    /// </summary>
    public CompiledDecoderEntry Acquire(CompiledDecoderKey key, Func<ICompiledDecoder> compile, out bool reused)
    {
        CompiledDecoderEntry entry;
        lock (_lock)
        {
            reused = _entries.TryGetValue(key, out entry!);
            if (!reused)
            {
                entry = new CompiledDecoderEntry(key, new Lazy<ICompiledDecoder>(compile, LazyThreadSafetyMode.ExecutionAndPublication));
                _entries.Add(key, entry);
            }
            entry.References++;
        }
        try
        {
            _ = entry.Decoder;
            return entry;
        }
        catch
        {
            Release(entry);
            throw;
        }
    }

    /// <summary>Drops one reference; the entry leaves the table with its last reference.</summary>
    public void Release(CompiledDecoderEntry entry)
    {
        lock (_lock)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(entry.Key);
            }
        }
    }
}

/// <summary>What makes two compiled decoders interchangeable.</summary>
/// <param name="ModelHash">SHA-256 of the model's canonical text.</param>
/// <param name="Decoder">Registry name.</param>
/// <param name="Options">Canonical options text (sorted key=value).</param>
public readonly record struct CompiledDecoderKey(string ModelHash, string Decoder, string Options);

/// <summary>One cached compiled decoder and its reference count (guarded by the cache's lock).</summary>
public sealed class CompiledDecoderEntry
{
    private readonly Lazy<ICompiledDecoder> _decoder;

    internal CompiledDecoderEntry(CompiledDecoderKey key, Lazy<ICompiledDecoder> decoder)
    {
        Key = key;
        _decoder = decoder;
    }

    /// <summary>The cache key.</summary>
    public CompiledDecoderKey Key { get; }

    /// <summary>The compiled decoder (compiles on first access).</summary>
    public ICompiledDecoder Decoder => _decoder.Value;

    internal int References { get; set; }
}

using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;

namespace Qec.Server.Sessions;

/// <summary>
/// Compiled decoders shared by every session with the same (model content hash, decoder name,
/// canonical options, session mode). Invariant: an entry is in the table exactly while its reference count is
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
    /// Takes a reference to the compiled whole-shot decoder for <paramref name="key"/> (an
    /// assemble-mode key), compiling it with <paramref name="compile"/> on first use.
    /// <paramref name="reused"/> says whether it existed. A failed compilation leaves no entry
    /// behind and is rethrown to every waiter.
    /// </summary>
    public CompiledDecoderEntry Acquire(CompiledDecoderKey key, Func<ICompiledDecoder> compile, out bool reused)
    {
        if (key.Mode != SessionMode.Assemble)
        {
            throw new ArgumentException($"key of mode {key.Mode} names a streaming decoder: use {nameof(AcquireStreaming)}", nameof(key));
        }
        return AcquireEntry(key, () => compile(), out reused);
    }

    /// <summary>
    /// Takes a reference to the compiled streaming decoder for <paramref name="key"/> (a
    /// stream-mode key), compiling it with <paramref name="compile"/> on first use; otherwise as
    /// <see cref="Acquire"/>.
    /// </summary>
    public CompiledDecoderEntry AcquireStreaming(CompiledDecoderKey key, Func<IStreamingCompiledDecoder> compile, out bool reused)
    {
        if (key.Mode != SessionMode.Stream)
        {
            throw new ArgumentException($"key of mode {key.Mode} names a whole-shot decoder: use {nameof(Acquire)}", nameof(key));
        }
        return AcquireEntry(key, () => compile(), out reused);
    }

    private CompiledDecoderEntry AcquireEntry(CompiledDecoderKey key, Func<object> compile, out bool reused)
    {
        CompiledDecoderEntry entry;
        lock (_lock)
        {
            reused = _entries.TryGetValue(key, out entry!);
            if (!reused)
            {
                entry = new CompiledDecoderEntry(key, new Lazy<object>(compile, LazyThreadSafetyMode.ExecutionAndPublication));
                _entries.Add(key, entry);
            }
            entry.References++;
        }
        try
        {
            entry.Compile();
            return entry;
        }
        catch
        {
            Release(entry);
            throw;
        }
    }

    /// <summary>
    /// Drops one reference; the entry leaves the table with its last reference, and a compiled decoder
    /// that holds device memory (<see cref="IDisposable"/>, e.g. a GPU batch path) is disposed then.
    /// </summary>
    public void Release(CompiledDecoderEntry entry)
    {
        bool last;
        lock (_lock)
        {
            last = --entry.References == 0;
            if (last)
            {
                _entries.Remove(entry.Key);
            }
        }
        if (last)
        {
            entry.DisposeValue();
        }
    }
}

/// <summary>
/// What makes two compiled decoders interchangeable. The mode is part of the key: one cache holds
/// whole-shot decoders (assemble mode) and streaming decoders (stream mode) of the same model as
/// different entries.
/// </summary>
/// <param name="ModelHash">SHA-256 of the model's canonical text.</param>
/// <param name="Decoder">Registry name.</param>
/// <param name="Options">Canonical options text (sorted key=value).</param>
/// <param name="Mode">Assemble: an <see cref="ICompiledDecoder"/>; stream: an <see cref="IStreamingCompiledDecoder"/>.</param>
public readonly record struct CompiledDecoderKey(string ModelHash, string Decoder, string Options, SessionMode Mode = SessionMode.Assemble);

/// <summary>
/// One cached compiled decoder and its reference count (guarded by the cache's lock). Invariant:
/// the value is an <see cref="ICompiledDecoder"/> when <see cref="CompiledDecoderKey.Mode"/> is
/// assemble and an <see cref="IStreamingCompiledDecoder"/> when it is stream.
/// </summary>
public sealed class CompiledDecoderEntry
{
    private readonly Lazy<object> _value;

    internal CompiledDecoderEntry(CompiledDecoderKey key, Lazy<object> value)
    {
        Key = key;
        _value = value;
    }

    /// <summary>The cache key.</summary>
    public CompiledDecoderKey Key { get; }

    /// <summary>The compiled whole-shot decoder of an assemble-mode entry (compiles on first access).</summary>
    public ICompiledDecoder Decoder => _value.Value as ICompiledDecoder
        ?? throw new InvalidOperationException($"the entry for decoder '{Key.Decoder}' is a streaming decoder (stream mode)");

    /// <summary>The compiled streaming decoder of a stream-mode entry (compiles on first access).</summary>
    public IStreamingCompiledDecoder Streaming => _value.Value as IStreamingCompiledDecoder
        ?? throw new InvalidOperationException($"the entry for decoder '{Key.Decoder}' is a whole-shot decoder (assemble mode)");

    internal int References { get; set; }

    internal void Compile() => _ = _value.Value;

    /// <summary>Disposes the compiled decoder when it owns resources (never before it was compiled, never twice: the last reference is dropped once).</summary>
    internal void DisposeValue()
    {
        if (_value.IsValueCreated && _value.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.Streaming;
using Qec.Server.Metrics;

namespace Qec.Server.Sessions;

/// <summary>
/// All open sessions of the server, shared by the gRPC and raw paths. Creating a session resolves
/// the model (DEM text or a built-in name), finds the decoder, and takes a reference to the cached
/// compiled decoder; closing gives the reference back. Sessions that no stream holds and nobody
/// used for <see cref="SessionLimits.IdleTimeout"/> are closed by a timer, so a client that forgets
/// CloseSession cannot leak them. Thread-safe.
/// </summary>
public sealed class SessionRegistry : IDisposable
{
    /// <summary>
    /// Largest model accepted in assemble mode, in detectors (a shot is then 2 MiB); in stream mode
    /// the limit of each round and of anything the server flattens (see <see cref="StreamModelLimits"/>).
    /// </summary>
    public const int MaxDetectors = 1 << 24;

    private readonly ConcurrentDictionary<string, DecoderSession> _sessions = new(StringComparer.Ordinal);
    private readonly DecoderRegistry _decoders;
    private readonly ModelCatalog _models;
    private readonly CompiledDecoderCache _cache;
    private readonly CircuitModelCache _circuits = new();
    private readonly ServerMetrics _metrics;
    private readonly SessionLimits _limits;
    private readonly Timer? _sweeper;

    /// <summary>Creates the registry and starts its idle sweeper.</summary>
    public SessionRegistry(DecoderRegistry decoders, ModelCatalog models, CompiledDecoderCache cache, ServerMetrics metrics, SessionLimits limits)
    {
        _decoders = decoders;
        _models = models;
        _cache = cache;
        _metrics = metrics;
        _limits = limits;
        if (limits.IdleTimeout > TimeSpan.Zero && limits.IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(limits.IdleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond * 30));
            _sweeper = new Timer(_ => CloseIdle(), null, period, period);
        }
    }

    /// <summary>The decoders this server offers.</summary>
    public DecoderRegistry Decoders => _decoders;

    /// <summary>The built-in models.</summary>
    public ModelCatalog Models => _models;

    /// <summary>Open sessions now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Compiled decoders held now.</summary>
    public int CompiledDecoders => _cache.Count;

    /// <summary>
    /// Opens a session. Errors: INVALID_ARGUMENT (no model, malformed DEM or circuit with line/column, a circuit that does not analyze, a model
    /// the decoder cannot take or cannot stream, bad options, early corrections outside stream
    /// mode), NOT_FOUND (unknown decoder or built-in model), RESOURCE_EXHAUSTED (too many sessions).
    /// A stream-mode session compiles only a streaming decoder (never the whole-shot one: a long
    /// model is never flattened whole).
    /// </summary>
    public DecoderSession Create(SessionRequest request, bool connectionScoped, out bool reused)
    {
        if (request.Mode is not (SessionMode.Assemble or SessionMode.Stream))
        {
            throw QecServerException.Invalid($"round mode {(int)request.Mode} is unknown: 0 (assemble) or 1 (stream)");
        }
        if (request.EarlyCorrections && request.Mode != SessionMode.Stream)
        {
            throw QecServerException.Invalid(
                "early corrections need stream mode (gRPC: round_mode = ROUND_MODE_STREAM; raw: OPEN flag bit 1): an assembled shot has no committed rounds to report early");
        }
        if (_sessions.Count >= _limits.MaxSessions)
        {
            throw new QecServerException(StatusCode.ResourceExhausted, $"too many open sessions (limit {_limits.MaxSessions}): close some first");
        }
        if (!_decoders.TryGet(request.Decoder, out var factory))
        {
            string known = _decoders.Names.Count == 0 ? "this server has none" : "known decoders are " + string.Join(", ", _decoders.Names);
            throw QecServerException.NotFound($"unknown decoder '{request.Decoder}': {known}");
        }
        var model = ResolveModel(request);
        var options = new DecoderOptions(request.Options.ToImmutableSortedDictionary(StringComparer.Ordinal));
        var key = new CompiledDecoderKey(model.Hash, factory.Name, options.ToString(), request.Mode);
        var entry = request.Mode == SessionMode.Stream
            ? AcquireStreaming(key, model, options, out reused)
            : AcquireWholeShot(key, factory, model, options, out reused);
        var session = new DecoderSession(NewId(), entry, request.SoftOutput, connectionScoped, request.EarlyCorrections, model.Note);
        _sessions[session.Id] = session;
        _metrics.SessionCreated();
        return session;
    }

    private CompiledDecoderEntry AcquireWholeShot(CompiledDecoderKey key, IDecoderFactory factory, ParsedModel model, DecoderOptions options, out bool reused)
    {
        var counts = model.Model.Counts;
        if (counts.NumDetectors > MaxDetectors || counts.NumObservables > MaxDetectors)
        {
            throw QecServerException.Invalid(
                $"dem: {counts.NumDetectors} detectors and {counts.NumObservables} observables: this server takes at most {MaxDetectors} of each");
        }
        try
        {
            return _cache.Acquire(key, () => factory.Compile(model.Model, options), out reused);
        }
        catch (ArgumentException e)
        {
            throw QecServerException.Invalid($"decoder '{factory.Name}' cannot take this model: {e.Message}");
        }
    }

    // Compiles (or reuses) the streaming decoder; every refusal names the decoder and the reason.
    private CompiledDecoderEntry AcquireStreaming(CompiledDecoderKey key, ParsedModel model, DecoderOptions options, out bool reused)
    {
        var counts = model.Model.Counts;
        if (counts.NumObservables > MaxDetectors)
        {
            throw QecServerException.Invalid($"dem: {counts.NumObservables} observables: this server takes at most {MaxDetectors}");
        }
        CompiledDecoderEntry entry;
        try
        {
            entry = _cache.AcquireStreaming(key, () =>
            {
                StreamModelLimits.Check(model.Model, key.Decoder, options);
                return StreamingDecoders.Compile(_decoders, key.Decoder, model.Model, options);
            }, out reused);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
        {
            throw QecServerException.Invalid($"decoder '{key.Decoder}' cannot stream this model: {e.Message}");
        }
        int largestRound = entry.Streaming.Layout.MaxRoundSize;
        if (largestRound > MaxDetectors)
        {
            _cache.Release(entry);
            throw QecServerException.Invalid(
                $"decoder '{key.Decoder}' cannot stream this model: a round has {largestRound} detectors; this server takes at most {MaxDetectors} per round");
        }
        return entry;
    }

    /// <summary>The open session <paramref name="id"/>; NOT_FOUND otherwise.</summary>
    public DecoderSession Get(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw QecServerException.Invalid("no session id: the first message of a stream must name its session");
        }
        return _sessions.TryGetValue(id, out var s) ? s : throw QecServerException.NotFound($"unknown session '{id}' (never opened, or closed)");
    }

    /// <summary>Open sessions, a snapshot.</summary>
    public IReadOnlyList<DecoderSession> Snapshot() => [.. _sessions.Values];

    /// <summary>Closes a session (idempotent): it leaves the table and gives back its compiled decoder.</summary>
    public void Close(DecoderSession session)
    {
        if (session.MarkClosed())
        {
            _sessions.TryRemove(session.Id, out _);
            _cache.Release(session.Compiled);
            _metrics.SessionClosed();
        }
    }

    /// <summary>Closes every session (shutdown).</summary>
    public void CloseAll()
    {
        foreach (var s in _sessions.Values)
        {
            Close(s);
        }
    }

    /// <summary>Closes detached sessions idle for longer than the limit.</summary>
    public void CloseIdle()
    {
        long now = Stopwatch.GetTimestamp();
        foreach (var s in _sessions.Values)
        {
            if (!s.IsAttached && Stopwatch.GetElapsedTime(s.LastUsedTimestamp, now) > _limits.IdleTimeout)
            {
                Close(s);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _sweeper?.Dispose();

    private ParsedModel ResolveModel(SessionRequest request)
    {
        ParsedModel model;
        if (!string.IsNullOrEmpty(request.BuiltInModel))
        {
            model = _models.Get(request.BuiltInModel);
        }
        else if (!string.IsNullOrEmpty(request.CircuitText))
        {
            model = _circuits.Get(request.CircuitText);
        }
        else if (!string.IsNullOrEmpty(request.DemText))
        {
            try
            {
                model = ParsedModel.Of(DetectorErrorModel.Parse(request.DemText, "dem"));
                _ = model.Model.Counts;
            }
            catch (DemFormatException e)
            {
                throw QecServerException.Invalid(e.Message);
            }
            catch (OverflowException)
            {
                throw QecServerException.Invalid("dem: the model has more than 2^64 detectors or errors");
            }
        }
        else
        {
            throw QecServerException.Invalid("no model: give dem_text (Stim .dem text), circuit_text (Stim circuit text) or built_in (a built-in model name)");
        }
        return model;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>What a client asks for when it opens a session.</summary>
/// <param name="DemText">Stim .dem text, or null.</param>
/// <param name="BuiltInModel">Name of a built-in model, or null (wins over <paramref name="DemText"/>).</param>
/// <param name="Decoder">Decoder registry name.</param>
/// <param name="Options">Decoder options.</param>
/// <param name="SoftOutput">Whether corrections carry weight and soft output (assemble mode only).</param>
/// <param name="Mode">How shots sent in parts are taken.</param>
/// <param name="EarlyCorrections">Stream mode: send the logical frame each time a window commits.</param>
/// <param name="CircuitText">Stim circuit text, or null (analyzed and cached by <see cref="CircuitModelCache"/>; wins over <paramref name="DemText"/>).</param>
public sealed record SessionRequest(string? DemText, string? BuiltInModel, string Decoder, IReadOnlyDictionary<string, string> Options, bool SoftOutput,
    SessionMode Mode = SessionMode.Assemble, bool EarlyCorrections = false, string? CircuitText = null);

/// <summary>Limits on sessions.</summary>
/// <param name="MaxSessions">Open sessions at most.</param>
/// <param name="IdleTimeout">Detached sessions unused this long are closed (infinite: never).</param>
public sealed record SessionLimits(int MaxSessions, TimeSpan IdleTimeout);

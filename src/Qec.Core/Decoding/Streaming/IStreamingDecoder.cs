namespace Qec.Core.Decoding.Streaming;

/// <summary>
/// Decodes one shot whose rounds arrive one at a time. Round r carries the detection events of its
/// <see cref="RoundSize"/> detectors, b8-packed (detector i of the round in byte i&gt;&gt;3, bit i&amp;7).
/// Rounds must arrive in order 0, 1, … with none missing; after the last one <see cref="Finish"/>
/// writes the shot's correction; <see cref="Reset"/> starts the next shot. Not thread-safe; allocation-free
/// per round after warm-up.
/// </summary>
public interface IStreamingDecoder
{
    /// <summary>Rounds per shot.</summary>
    int NumRounds { get; }

    /// <summary>Observables per shot.</summary>
    int NumObservables { get; }

    /// <summary>Detectors in round <paramref name="round"/>.</summary>
    int RoundSize(int round);

    /// <summary>The round expected next (= rounds received so far in this shot).</summary>
    int NextRound { get; }

    /// <summary>Rounds whose corrections are final: every detection event of rounds [0, CommittedRounds) is accounted for in the logical frame.</summary>
    int CommittedRounds { get; }

    /// <summary>Detection events already explained by committed corrections in this shot (each exactly once).</summary>
    long CommittedEvents { get; }

    /// <summary>
    /// Adds round <paramref name="round"/>. When this completes a window, its commit region is committed
    /// and the accumulated logical frame (observable flips of everything committed so far, ObservableBytes)
    /// is written to <paramref name="committedFlips"/> and true is returned; otherwise the output is
    /// untouched and false is returned. Throws <see cref="ArgumentException"/> for a round out of order,
    /// of the wrong size, with padding bits set, or after the last round.
    /// </summary>
    bool PushRound(int round, ReadOnlySpan<byte> detectionEvents, Span<byte> committedFlips);

    /// <summary>
    /// Decodes what is left after the last round and writes the shot's predicted observable flips
    /// (the final logical frame). Throws <see cref="InvalidOperationException"/> when rounds are missing.
    /// </summary>
    void Finish(Span<byte> observableFlips);

    /// <summary>Forgets the current shot (received rounds, frame, carried defects).</summary>
    void Reset();
}

/// <summary>A streaming decoder compiled for one model: immutable, thread-safe, shared by streams.</summary>
public interface IStreamingCompiledDecoder
{
    /// <summary>Registry name of the underlying decoder.</summary>
    string Name { get; }

    /// <summary>The model's rounds.</summary>
    RoundLayout Layout { get; }

    /// <summary>Window W in rounds (0 for whole-shot fallback).</summary>
    int Window { get; }

    /// <summary>Commit region C in rounds (0 for whole-shot fallback).</summary>
    int Commit { get; }

    /// <summary>A note for the user (e.g. that the decoder falls back to whole-shot decoding), or null.</summary>
    string? Note { get; }

    /// <summary>A fresh per-stream decoder.</summary>
    IStreamingDecoder CreateStreamingDecoder();
}

namespace Qec.Core.Decoding.Streaming;

/// <summary>
/// The streaming contract for a decoder without a sliding-window mode: rounds are buffered and the
/// whole shot is decoded after the last one (latency grows with the shot; see <see cref="Note"/>).
/// </summary>
public sealed class WholeShotStreaming : IStreamingCompiledDecoder
{
    private readonly ICompiledDecoder _compiled;

    /// <summary>Wraps a compiled whole-shot decoder; the layout must describe the same model.</summary>
    public WholeShotStreaming(ICompiledDecoder compiled, RoundLayout layout)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(layout);
        if (compiled.NumDetectors != layout.NumDetectors)
        {
            throw new ArgumentException($"decoder has {compiled.NumDetectors} detectors, layout {layout.NumDetectors}");
        }
        _compiled = compiled;
        Layout = layout;
        Note = $"decoder '{compiled.Name}' has no sliding-window mode: rounds are buffered and the whole shot is decoded after the last round";
    }

    /// <inheritdoc/>
    public string Name => _compiled.Name;

    /// <inheritdoc/>
    public RoundLayout Layout { get; }

    /// <inheritdoc/>
    public int Window => 0;

    /// <inheritdoc/>
    public int Commit => 0;

    /// <inheritdoc/>
    public string? Note { get; }

    /// <inheritdoc/>
    public IStreamingDecoder CreateStreamingDecoder() => new Decoder(_compiled.CreateDecoder(), Layout);

    private sealed class Decoder(IDecoder inner, RoundLayout layout) : IStreamingDecoder
    {
        private readonly byte[] _shot = new byte[(layout.NumDetectors + 7) >> 3];

        public int NumRounds => layout.NumRounds;

        public int NumObservables => inner.NumObservables;

        public int NextRound { get; private set; }

        public int CommittedRounds { get; private set; }

        public long CommittedEvents { get; private set; }

        public int RoundSize(int round) => layout.RoundSize(round);

        public bool PushRound(int round, ReadOnlySpan<byte> detectionEvents, Span<byte> committedFlips)
        {
            StreamChecks.CheckRound(round, NextRound, NumRounds);
            int size = layout.RoundSize(round);
            RoundBits.Check(round, size, detectionEvents);
            long first = layout.RoundFirstDetector(round);
            for (int i = 0; i < size; i++)
            {
                if (((detectionEvents[i >> 3] >> (i & 7)) & 1) != 0)
                {
                    long d = first + i;
                    _shot[d >> 3] |= (byte)(1 << (int)(d & 7));
                }
            }
            NextRound++;
            return false;
        }

        public void Finish(Span<byte> observableFlips)
        {
            StreamChecks.CheckComplete(NextRound, NumRounds);
            inner.Decode(_shot, observableFlips);
            CommittedRounds = NumRounds;
            long events = 0;
            foreach (byte b in _shot)
            {
                events += System.Numerics.BitOperations.PopCount(b);
            }
            CommittedEvents = events;
        }

        public void Reset()
        {
            Array.Clear(_shot);
            NextRound = 0;
            CommittedRounds = 0;
            CommittedEvents = 0;
        }
    }
}

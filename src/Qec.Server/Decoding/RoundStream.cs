using System.Diagnostics;
using Grpc.Core;
using Qec.Core.Decoding.Streaming;

namespace Qec.Server.Decoding;

/// <summary>What pushing one round did (stream mode).</summary>
[Flags]
public enum RoundOutcome
{
    /// <summary>The round was taken; nothing to send.</summary>
    None = 0,

    /// <summary>A window committed: <see cref="RoundStream.CommittedFlips"/> and <see cref="RoundStream.CommittedRounds"/> hold the logical frame so far.</summary>
    Committed = 1,

    /// <summary>The last round: <see cref="RoundStream.FinalFlips"/> is the shot's correction, <see cref="RoundStream.ShotNs"/> its decoder time.</summary>
    Final = 2,
}

/// <summary>
/// Stream mode's counterpart of <see cref="ShotAssembler"/>: takes the rounds of one shot at a
/// time, checks each against the model's <see cref="RoundLayout"/> (in the order the proto
/// documents: another shot open, round index, detector range, byte count, padding, final flag) and
/// pushes it into the stream's <see cref="IStreamingDecoder"/>, which commits windows as they
/// complete (Dennis et al., J. Math. Phys. 43, 4452 (2002), §IV D; Skoric et al.,
/// arXiv:2209.08552). Invariants: at most one shot is open; an open shot has rounds
/// [0, NextRound) pushed; after any refusal the open shot is abandoned (the decoder is reset at the
/// next shot's round 0). Owned by one thread; allocates only at construction.
/// </summary>
public sealed class RoundStream
{
    private readonly IStreamingDecoder _decoder;
    private readonly RoundLayout _layout;
    private readonly byte[] _committed;
    private readonly byte[] _final;
    private readonly byte[] _round;
    private bool _open;
    private ulong _shotId;
    private long _shotNs;

    /// <summary>A stream over <paramref name="decoder"/>, whose model has the rounds of <paramref name="layout"/>.</summary>
    public RoundStream(IStreamingDecoder decoder, RoundLayout layout)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(layout);
        _decoder = decoder;
        _layout = layout;
        int observableBytes = (layout.NumObservables + 7) >> 3;
        _committed = new byte[observableBytes];
        _final = new byte[observableBytes];
        _round = new byte[(layout.MaxRoundSize + 7) >> 3];
    }

    /// <summary>Rounds per shot.</summary>
    public int NumRounds => _layout.NumRounds;

    /// <summary>True while a shot sent round by round waits for its last round.</summary>
    public bool IsOpen => _open;

    /// <summary>Id of the open shot (meaningful while <see cref="IsOpen"/>).</summary>
    public ulong OpenShotId => _shotId;

    /// <summary>The round expected next (0 when no shot is open).</summary>
    public int NextRound => _open ? _decoder.NextRound : 0;

    /// <summary>After <see cref="RoundOutcome.Committed"/>: rounds [0, CommittedRounds) are final (read right after the push).</summary>
    public int CommittedRounds { get; private set; }

    /// <summary>After <see cref="RoundOutcome.Committed"/>: the observable flips of every committed round.</summary>
    public ReadOnlySpan<byte> CommittedFlips => _committed;

    /// <summary>After <see cref="RoundOutcome.Final"/>: the shot's predicted observable flips.</summary>
    public ReadOnlySpan<byte> FinalFlips => _final;

    /// <summary>Decoder time of the last <see cref="Push"/>, nanoseconds.</summary>
    public long PushNs { get; private set; }

    /// <summary>After <see cref="RoundOutcome.Final"/>: decoder time of the whole shot (every push and the finish).</summary>
    public long ShotNs { get; private set; }

    /// <summary>
    /// Checks and pushes round <paramref name="round"/> (detectors [first, first + count), packed b8
    /// in <paramref name="events"/>) of shot <paramref name="shotId"/>. Refusals are INVALID_ARGUMENT
    /// naming the shot, the round and what was expected.
    /// </summary>
    public RoundOutcome Push(ulong shotId, uint round, uint first, uint count, ReadOnlySpan<byte> events, bool final)
    {
        int n = _layout.NumRounds;
        if (_open && shotId != _shotId)
        {
            throw Refuse(shotId,
                $"shot {shotId} round {round}: shot {_shotId} is still open (round {_decoder.NextRound} of its {n} rounds is expected next); " +
                "send one shot's rounds at a time, in order");
        }
        int expected = NextRound;
        if (round != (uint)expected)
        {
            string range = round >= (uint)n ? $" (the model has {n} rounds, 0..{n - 1})" : "";
            throw Refuse(shotId, $"shot {shotId}: round {round} arrived, expected round {expected}: rounds must come in order, none missing{range}");
        }
        int r = expected;
        try
        {
            return CheckAndPush(shotId, r, first, count, events, final, n);
        }
        catch (Exception e) when (e is not (QecServerException or OutOfMemoryException))
        {
            throw Failed(shotId, $"round {r}", e);
        }
    }

    // The checks after the round index, then the push; layout lookups included, anything but a
    // refusal thrown here is the server's fault.
    private RoundOutcome CheckAndPush(ulong shotId, int r, uint first, uint count, ReadOnlySpan<byte> events, bool final, int n)
    {
        int size = _layout.RoundSize(r);
        long expectedFirst = _layout.RoundFirstDetector(r);
        if (first != expectedFirst)
        {
            throw Refuse(shotId,
                $"shot {shotId} round {r}: first detector {first}, expected {expectedFirst}: in stream mode each part is exactly one round of the model " +
                $"(round {r} is detectors {expectedFirst}..{expectedFirst + size - 1})");
        }
        if (count != (uint)size)
        {
            throw Refuse(shotId,
                $"shot {shotId} round {r}: {count} detectors, expected {size}: in stream mode each part is exactly one round of the model " +
                $"(round {r} is detectors {expectedFirst}..{expectedFirst + size - 1})");
        }
        int bytes = (size + 7) >> 3;
        if (events.Length != bytes)
        {
            throw Refuse(shotId, $"shot {shotId} round {r}: {events.Length} bytes of detection events for {size} detectors, expected {bytes}");
        }
        int used = size & 7;
        if (used != 0 && (events[^1] >> used) != 0)
        {
            throw Refuse(shotId,
                $"shot {shotId} round {r}: padding bits set in byte {bytes - 1} of its detection events (the round's {size} detectors end at bit {used - 1} of that byte)");
        }
        bool last = r == n - 1;
        if (final && !last)
        {
            throw Refuse(shotId, $"shot {shotId} round {r}: final is set, but the model has {n} rounds: final belongs on round {n - 1}, the last");
        }
        if (!final && last)
        {
            throw Refuse(shotId, $"shot {shotId} round {r} is the model's last round (of {n}) but final is not set: set final on the last round");
        }
        if (!_open)
        {
            _decoder.Reset();
            _open = true;
            _shotId = shotId;
            _shotNs = 0;
        }
        long start = Stopwatch.GetTimestamp();
        var outcome = _decoder.PushRound(r, events, _committed) ? RoundOutcome.Committed : RoundOutcome.None;
        PushNs = ShotDecoder.ElapsedNs(start);
        CommittedRounds = _decoder.CommittedRounds;
        _shotNs += PushNs;
        if (last)
        {
            start = Stopwatch.GetTimestamp();
            _decoder.Finish(_final);
            _shotNs += ShotDecoder.ElapsedNs(start);
            ShotNs = _shotNs;
            _open = false;
            outcome |= RoundOutcome.Final;
        }
        return outcome;
    }

    /// <summary>
    /// Decodes a whole shot by pushing its rounds through the streaming decoder (no early
    /// corrections), so it gets the same answer as when sent round by round. Returns the decoder
    /// time in nanoseconds. The shot must be validated (<see cref="ShotChecks.CheckWholeShot"/>);
    /// no shot may be open (<see cref="CheckNoOpenShot"/>).
    /// </summary>
    public long DecodeWhole(ulong shotId, ReadOnlySpan<byte> shot, Span<byte> observableFlips)
    {
        CheckNoOpenShot(shotId);
        long start = Stopwatch.GetTimestamp();
        try
        {
            DecodeWhole(_decoder, _layout, shot, _round, _committed, observableFlips);
        }
        catch (Exception e) when (e is not (QecServerException or OutOfMemoryException))
        {
            throw Failed(shotId, "a whole shot", e);
        }
        return ShotDecoder.ElapsedNs(start);
    }

    /// <summary>Refuses a whole shot while a shot sent round by round is open.</summary>
    public void CheckNoOpenShot(ulong shotId)
    {
        if (_open)
        {
            throw Refuse(shotId,
                $"shot {shotId}: a whole shot arrived while shot {_shotId} is still open (round {_decoder.NextRound} of its {_layout.NumRounds} rounds is expected next); " +
                "send one shot at a time");
        }
    }

    /// <summary>Forgets an open shot (the stream ended or failed).</summary>
    public void Reset() => _open = false;

    /// <summary>
    /// Pushes every round of a validated whole shot through <paramref name="decoder"/> and finishes
    /// it into <paramref name="observableFlips"/>. <paramref name="roundScratch"/> holds the largest
    /// round packed, <paramref name="committedScratch"/> the observable bytes.
    /// </summary>
    public static void DecodeWhole(IStreamingDecoder decoder, RoundLayout layout, ReadOnlySpan<byte> shot,
        Span<byte> roundScratch, Span<byte> committedScratch, Span<byte> observableFlips)
    {
        decoder.Reset();
        for (int r = 0; r < layout.NumRounds; r++)
        {
            int size = layout.RoundSize(r);
            var packed = roundScratch[..((size + 7) >> 3)];
            RoundBits.Slice(shot, layout.RoundFirstDetector(r), size, packed);
            decoder.PushRound(r, packed, committedScratch);
        }
        decoder.Finish(observableFlips);
    }

    private QecServerException Refuse(ulong shotId, string message)
    {
        _open = false;
        return QecServerException.InvalidShot(shotId, message);
    }

    // The input was checked, so a decoder exception is the server's fault (INTERNAL), not the client's.
    private QecServerException Failed(ulong shotId, string what, Exception e)
    {
        _open = false;
        return new QecServerException(StatusCode.Internal, $"shot {shotId} {what}: the streaming decoder failed: {e.Message}") { ShotId = shotId };
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Qec.Server.Raw;

/// <summary>
/// Builds frames back to back in one growable buffer, so a batch of frames leaves in one send.
/// Used by the server (answers) and the client (requests). Not thread-safe; after warm-up
/// (the buffer has grown to the batch size) writing allocates nothing.
/// </summary>
public sealed class RawFrameWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>A writer with an initial capacity.</summary>
    public RawFrameWriter(int initialCapacity = 4096) => _buffer = new byte[Math.Max(64, initialCapacity)];

    /// <summary>Bytes written and not yet cleared.</summary>
    public int Length => _length;

    /// <summary>The frames written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The frames written so far, as memory.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Forgets the frames written (after they were sent).</summary>
    public void Clear() => _length = 0;

    /// <summary>Forgets the frames written after the first <paramref name="length"/> bytes (a frame begun and not finished).</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    /// <summary>Writes a header and returns the payload's span (exactly <paramref name="payloadLength"/> bytes) to fill.</summary>
    public Span<byte> Begin(RawFrameType type, byte flags, int payloadLength)
    {
        int total = RawProtocol.HeaderSize + payloadLength;
        if (_buffer.Length - _length < total)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + total));
        }
        var frame = _buffer.AsSpan(_length, total);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[RawProtocol.LengthOffset..], (uint)payloadLength);
        frame[RawProtocol.TypeOffset] = (byte)type;
        frame[RawProtocol.FlagsOffset] = flags;
        BinaryPrimitives.WriteUInt16LittleEndian(frame[RawProtocol.ReservedOffset..], 0);
        _length += total;
        return frame[RawProtocol.HeaderSize..];
    }

    /// <summary>Reserves <paramref name="length"/> bytes with no header (protocol tests write garbage with it).</summary>
    public Span<byte> BeginUnframed(int length)
    {
        if (_buffer.Length - _length < length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + length));
        }
        _length += length;
        return _buffer.AsSpan(_length - length, length);
    }

    // ---- client to server ----

    /// <summary>HELLO with an optional bearer token.</summary>
    public void WriteHello(string? token)
    {
        int tokenBytes = token is null ? 0 : Encoding.UTF8.GetByteCount(token);
        var p = Begin(RawFrameType.Hello, 0, RawProtocol.HelloTokenOffset + tokenBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.HelloMagicOffset..], RawProtocol.HelloMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(p[RawProtocol.HelloVersionOffset..], RawProtocol.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(p[RawProtocol.HelloTokenLengthOffset..], checked((ushort)tokenBytes));
        if (token is not null)
        {
            Encoding.UTF8.GetBytes(token, p[RawProtocol.HelloTokenOffset..]);
        }
    }

    /// <summary>OPEN: a model (DEM text or built-in name), a decoder and options ("key=value" lines).</summary>
    public void WriteOpen(byte modelKind, string model, string decoder, string options, bool softOutput) =>
        WriteOpen(modelKind, model, decoder, options, softOutput ? RawProtocol.FlagSoftOutput : (byte)0);

    /// <summary>
    /// OPEN with explicit flags (<see cref="RawProtocol.FlagSoftOutput"/>, <see cref="RawProtocol.FlagStream"/>,
    /// <see cref="RawProtocol.FlagEarlyCorrections"/>).
    /// </summary>
    public void WriteOpen(byte modelKind, string model, string decoder, string options, byte flags)
    {
        int d = Encoding.UTF8.GetByteCount(decoder), m = Encoding.UTF8.GetByteCount(model), o = Encoding.UTF8.GetByteCount(options);
        var p = Begin(RawFrameType.Open, flags, checked(RawProtocol.OpenStringsOffset + d + m + o));
        p[RawProtocol.OpenKindOffset] = modelKind;
        p[RawProtocol.OpenKindOffset + 1] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(p[RawProtocol.OpenDecoderLengthOffset..], checked((ushort)d));
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenModelLengthOffset..], (uint)m);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenOptionsLengthOffset..], (uint)o);
        var strings = p[RawProtocol.OpenStringsOffset..];
        Encoding.UTF8.GetBytes(decoder, strings);
        Encoding.UTF8.GetBytes(model, strings[d..]);
        Encoding.UTF8.GetBytes(options, strings[(d + m)..]);
    }

    /// <summary>ATTACH to a session opened over gRPC.</summary>
    public void WriteAttach(string sessionId) => Encoding.ASCII.GetBytes(sessionId, Begin(RawFrameType.Attach, 0, Encoding.ASCII.GetByteCount(sessionId)));

    /// <summary>SHOT: one whole shot.</summary>
    public void WriteShot(ulong shotId, ReadOnlySpan<byte> detectionEvents)
    {
        var p = Begin(RawFrameType.Shot, 0, RawProtocol.ShotEventsOffset + detectionEvents.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(p, shotId);
        detectionEvents.CopyTo(p[RawProtocol.ShotEventsOffset..]);
    }

    /// <summary>SHOTS: <paramref name="count"/> whole shots with ids first, first+1, ….</summary>
    public void WriteShots(ulong firstShotId, int count, ReadOnlySpan<byte> detectionEvents)
    {
        var p = Begin(RawFrameType.Shots, 0, RawProtocol.ShotsEventsOffset + detectionEvents.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.ShotsFirstIdOffset..], firstShotId);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.ShotsCountOffset..], (uint)count);
        BinaryPrimitives.WriteUInt32LittleEndian(p[(RawProtocol.ShotsCountOffset + 4)..], 0);
        detectionEvents.CopyTo(p[RawProtocol.ShotsEventsOffset..]);
    }

    /// <summary>ROUND: detectors [first, first + count) of a shot; <paramref name="final"/> completes it.</summary>
    public void WriteRound(ulong shotId, uint round, uint firstDetector, uint count, ReadOnlySpan<byte> detectionEvents, bool final)
    {
        var p = Begin(RawFrameType.Round, final ? RawProtocol.FlagFinal : (byte)0, RawProtocol.RoundEventsOffset + detectionEvents.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.RoundShotIdOffset..], shotId);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.RoundIndexOffset..], round);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.RoundFirstOffset..], firstDetector);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.RoundCountOffset..], count);
        detectionEvents.CopyTo(p[RawProtocol.RoundEventsOffset..]);
    }

    /// <summary>ECHO (client) or ECHO_REPLY (server) with a payload copied from <paramref name="payload"/>.</summary>
    public void WriteEcho(RawFrameType type, in ReadOnlySequence<byte> payload) => payload.CopyTo(Begin(type, 0, (int)payload.Length));

    /// <summary>An empty frame (CLOSE).</summary>
    public void WriteEmpty(RawFrameType type) => Begin(type, 0, 0);

    // ---- server to client ----

    /// <summary>HELLO_OK.</summary>
    public void WriteHelloOk(int maxPayloadBytes)
    {
        var p = Begin(RawFrameType.HelloOk, 0, RawProtocol.HelloOkSize);
        BinaryPrimitives.WriteUInt16LittleEndian(p[RawProtocol.HelloOkVersionOffset..], RawProtocol.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(p[(RawProtocol.HelloOkVersionOffset + 2)..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.HelloOkMaxPayloadOffset..], (uint)maxPayloadBytes);
    }

    /// <summary>
    /// OPENED: the session's layout and id; in stream mode its rounds, window and commit region
    /// (zero in assemble mode); <paramref name="flags"/> says soft output, stream mode, early corrections.
    /// </summary>
    public void WriteOpened(int detectors, int observables, string sessionId, byte flags = 0, int rounds = 0, int window = 0, int commit = 0)
    {
        var p = Begin(RawFrameType.Opened, flags, RawProtocol.OpenedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedDetectorsOffset..], (uint)detectors);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedObservablesOffset..], (uint)observables);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedDetectorBytesOffset..], (uint)((detectors + 7) >> 3));
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedObservableBytesOffset..], (uint)((observables + 7) >> 3));
        Encoding.ASCII.GetBytes(sessionId, p.Slice(RawProtocol.OpenedSessionIdOffset, RawProtocol.SessionIdLength));
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedRoundsOffset..], (uint)rounds);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedWindowOffset..], (uint)window);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.OpenedCommitOffset..], (uint)commit);
    }

    /// <summary>
    /// CORRECTION header and shot id; returns the payload span: decode into the flips at
    /// <see cref="RawProtocol.CorrectionFlipsOffset"/>, write the time at
    /// <see cref="RawProtocol.CorrectionNsOffset"/>; with <paramref name="soft"/> 16 more bytes
    /// follow the flips for <see cref="SetSoft"/>.
    /// </summary>
    public Span<byte> BeginCorrection(ulong shotId, int observableBytes, bool soft)
    {
        var p = Begin(RawFrameType.Correction, soft ? RawProtocol.FlagSoftOutput : (byte)0,
            RawProtocol.CorrectionFlipsOffset + observableBytes + (soft ? 16 : 0));
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.CorrectionIdOffset..], shotId);
        return p;
    }

    /// <summary>CORRECTIONS header; returns the payload span (flips at <see cref="RawProtocol.CorrectionsFlipsOffset"/>).</summary>
    public Span<byte> BeginCorrections(ulong firstShotId, int count, int observableBytes, bool soft)
    {
        var p = Begin(RawFrameType.Corrections, soft ? RawProtocol.FlagSoftOutput : (byte)0,
            checked(RawProtocol.CorrectionsFlipsOffset + count * (observableBytes + (soft ? 16 : 0))));
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.CorrectionsFirstIdOffset..], firstShotId);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.CorrectionsCountOffset..], (uint)count);
        BinaryPrimitives.WriteUInt32LittleEndian(p[(RawProtocol.CorrectionsCountOffset + 4)..], 0);
        return p;
    }

    /// <summary>COMMITTED: rounds [0, <paramref name="committedRounds"/>) of shot <paramref name="shotId"/> are final; their logical frame.</summary>
    public void WriteCommitted(ulong shotId, int committedRounds, ReadOnlySpan<byte> frame)
    {
        var p = Begin(RawFrameType.Committed, 0, RawProtocol.CommittedFlipsOffset + frame.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.CommittedIdOffset..], shotId);
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.CommittedRoundsOffset..], (uint)committedRounds);
        BinaryPrimitives.WriteUInt32LittleEndian(p[(RawProtocol.CommittedRoundsOffset + 4)..], 0);
        frame.CopyTo(p[RawProtocol.CommittedFlipsOffset..]);
    }

    /// <summary>Writes a weight and soft output pair (two little-endian f64) at the start of <paramref name="destination"/>.</summary>
    public static void SetSoft(Span<byte> destination, double weight, double softOutput)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(destination, weight);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[8..], softOutput);
    }

    /// <summary>CLOSED.</summary>
    public void WriteClosed(long shotsDecoded) => BinaryPrimitives.WriteUInt64LittleEndian(Begin(RawFrameType.Closed, 0, RawProtocol.ClosedSize), (ulong)shotsDecoded);

    /// <summary>GOODBYE.</summary>
    public void WriteGoodbye(long answered, string message)
    {
        var p = Begin(RawFrameType.Goodbye, 0, RawProtocol.GoodbyeMessageOffset + Encoding.UTF8.GetByteCount(message));
        BinaryPrimitives.WriteUInt64LittleEndian(p, (ulong)answered);
        Encoding.UTF8.GetBytes(message, p[RawProtocol.GoodbyeMessageOffset..]);
    }

    /// <summary>ERROR.</summary>
    public void WriteError(global::Grpc.Core.StatusCode code, ulong shotId, long byteOffset, string message)
    {
        var p = Begin(RawFrameType.Error, 0, RawProtocol.ErrorMessageOffset + Encoding.UTF8.GetByteCount(message));
        BinaryPrimitives.WriteUInt32LittleEndian(p[RawProtocol.ErrorCodeOffset..], (uint)code);
        BinaryPrimitives.WriteUInt32LittleEndian(p[(RawProtocol.ErrorCodeOffset + 4)..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.ErrorShotOffset..], shotId);
        BinaryPrimitives.WriteUInt64LittleEndian(p[RawProtocol.ErrorByteOffset..], (ulong)byteOffset);
        Encoding.UTF8.GetBytes(message, p[RawProtocol.ErrorMessageOffset..]);
    }
}

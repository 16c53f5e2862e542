namespace Qec.Server.Raw;

/// <summary>
/// The raw ingest protocol (proto/RAW.md is the specification; the offsets here are its table).
/// Every frame is an 8-byte header and a payload; integers are little-endian.
/// <code>
///  byte   0       1       2       3       4       5       6       7
///       +-------+-------+-------+-------+-------+-------+-------+-------+
///       |   payload length (u32 LE)     | type  | flags |reserved = 0   |
///       +-------+-------+-------+-------+-------+-------+-------+-------+
///       |   payload (length bytes) ...
/// </code>
/// </summary>
public static class RawProtocol
{
    /// <summary>Version spoken in HELLO.</summary>
    public const ushort Version = 1;

    /// <summary>"QECR" read as a little-endian u32: the first four payload bytes of HELLO.</summary>
    public const uint HelloMagic = 0x52434551;

    /// <summary>Bytes of the header.</summary>
    public const int HeaderSize = 8;

    /// <summary>Header offset of the u32 payload length.</summary>
    public const int LengthOffset = 0;

    /// <summary>Header offset of the frame type.</summary>
    public const int TypeOffset = 4;

    /// <summary>Header offset of the flags.</summary>
    public const int FlagsOffset = 5;

    /// <summary>Header offset of the reserved u16 (must be zero).</summary>
    public const int ReservedOffset = 6;

    /// <summary>Default largest payload the server accepts (1 MiB).</summary>
    public const int DefaultMaxPayloadBytes = 1 << 20;

    /// <summary>Flag on OPEN (ask for soft output), OPENED (the session has it) and CORRECTION(S) (soft output present).</summary>
    public const byte FlagSoftOutput = 0x01;

    /// <summary>Flag on OPEN (open the session in stream mode) and OPENED (the session is in stream mode).</summary>
    public const byte FlagStream = 0x02;

    /// <summary>Flag on OPEN (stream mode: send COMMITTED frames) and OPENED (the session sends them).</summary>
    public const byte FlagEarlyCorrections = 0x04;

    /// <summary>Every flag OPEN knows; any other bit is refused.</summary>
    public const byte OpenFlags = FlagSoftOutput | FlagStream | FlagEarlyCorrections;

    /// <summary>Flag on ROUND: the final part of the shot.</summary>
    public const byte FlagFinal = 0x01;

    /// <summary>Shot id in ERROR frames that are not about one shot.</summary>
    public const ulong NoShot = ulong.MaxValue;

    // Payload offsets, one group per frame type (see proto/RAW.md).

    /// <summary>HELLO: u32 magic, u16 version, u16 token length, token bytes.</summary>
    public const int HelloMagicOffset = 0, HelloVersionOffset = 4, HelloTokenLengthOffset = 6, HelloTokenOffset = 8;

    /// <summary>HELLO_OK: u16 version, u16 reserved, u32 largest payload accepted.</summary>
    public const int HelloOkVersionOffset = 0, HelloOkMaxPayloadOffset = 4, HelloOkSize = 8;

    /// <summary>OPEN: u8 model kind, u8 reserved, u16 decoder length, u32 model length, u32 options length, then the three strings.</summary>
    public const int OpenKindOffset = 0, OpenDecoderLengthOffset = 2, OpenModelLengthOffset = 4, OpenOptionsLengthOffset = 8, OpenStringsOffset = 12;

    /// <summary>OPEN model kinds: Stim DEM text, a built-in model's name, Stim circuit text (analyzed as gRPC's <c>circuit_text</c>).</summary>
    public const byte ModelKindDemText = 0, ModelKindBuiltIn = 1, ModelKindCircuitText = 2;

    /// <summary>
    /// OPENED: u32 detectors, u32 observables, u32 detector bytes, u32 observable bytes, 32 ASCII bytes
    /// of session id, then (stream mode; zero in assemble mode) u32 rounds, u32 window, u32 commit.
    /// Clients that read only the first <see cref="OpenedBaseSize"/> bytes keep working.
    /// </summary>
    public const int OpenedDetectorsOffset = 0, OpenedObservablesOffset = 4, OpenedDetectorBytesOffset = 8, OpenedObservableBytesOffset = 12,
        OpenedSessionIdOffset = 16, SessionIdLength = 32, OpenedBaseSize = 48,
        OpenedRoundsOffset = 48, OpenedWindowOffset = 52, OpenedCommitOffset = 56, OpenedSize = 60;

    /// <summary>SHOT: u64 shot id, detection events.</summary>
    public const int ShotIdOffset = 0, ShotEventsOffset = 8;

    /// <summary>SHOTS: u64 first shot id, u32 count, u32 reserved, count × detection events.</summary>
    public const int ShotsFirstIdOffset = 0, ShotsCountOffset = 8, ShotsEventsOffset = 16;

    /// <summary>ROUND: u64 shot id, u32 round, u32 first detector, u32 detector count, events.</summary>
    public const int RoundShotIdOffset = 0, RoundIndexOffset = 8, RoundFirstOffset = 12, RoundCountOffset = 16, RoundEventsOffset = 20;

    /// <summary>CORRECTION: u64 shot id, u32 decoder ns, flips [, f64 weight, f64 soft output].</summary>
    public const int CorrectionIdOffset = 0, CorrectionNsOffset = 8, CorrectionFlipsOffset = 12;

    /// <summary>CORRECTIONS: u64 first shot id, u32 count, u32 reserved, u64 decoder ns, count × flips [, count × (f64, f64)].</summary>
    public const int CorrectionsFirstIdOffset = 0, CorrectionsCountOffset = 8, CorrectionsNsOffset = 16, CorrectionsFlipsOffset = 24;

    /// <summary>COMMITTED: u64 shot id, u32 committed rounds, u32 reserved, the logical frame (observable flips so far).</summary>
    public const int CommittedIdOffset = 0, CommittedRoundsOffset = 8, CommittedFlipsOffset = 16;

    /// <summary>CLOSED: u64 shots the session decoded.</summary>
    public const int ClosedSize = 8;

    /// <summary>GOODBYE: u64 shots answered on this connection, UTF-8 reason.</summary>
    public const int GoodbyeAnsweredOffset = 0, GoodbyeMessageOffset = 8;

    /// <summary>ERROR: u32 status code, u32 reserved, u64 shot id, u64 input byte offset, UTF-8 message.</summary>
    public const int ErrorCodeOffset = 0, ErrorShotOffset = 8, ErrorByteOffset = 16, ErrorMessageOffset = 24;
}

/// <summary>Frame types: client to server below 0x80, server to client from 0x80.</summary>
public enum RawFrameType : byte
{
    /// <summary>Client: protocol version and bearer token. Must be the first frame.</summary>
    Hello = 0x01,

    /// <summary>Client: open a session owned by this connection.</summary>
    Open = 0x02,

    /// <summary>Client: use a session opened over gRPC.</summary>
    Attach = 0x03,

    /// <summary>Client: one whole shot.</summary>
    Shot = 0x04,

    /// <summary>Client: consecutive whole shots.</summary>
    Shots = 0x05,

    /// <summary>Client: one part (round) of a shot.</summary>
    Round = 0x06,

    /// <summary>Client: any bytes, returned unchanged (latency baseline).</summary>
    Echo = 0x07,

    /// <summary>Client: close (OPENed) or detach (ATTACHed) the session.</summary>
    Close = 0x08,

    /// <summary>Server: HELLO accepted.</summary>
    HelloOk = 0x81,

    /// <summary>Server: the session's id and shot layout.</summary>
    Opened = 0x82,

    /// <summary>Server: the answer to a SHOT or a final ROUND.</summary>
    Correction = 0x84,

    /// <summary>Server: the answer to a SHOTS frame.</summary>
    Corrections = 0x85,

    /// <summary>Server (stream mode, early corrections): a window of the open shot committed; the logical frame so far.</summary>
    Committed = 0x86,

    /// <summary>Server: an ECHO payload.</summary>
    EchoReply = 0x87,

    /// <summary>Server: the session was closed or detached.</summary>
    Closed = 0x88,

    /// <summary>Server: shutting down after answering every shot read; the connection closes.</summary>
    Goodbye = 0x89,

    /// <summary>Server: a refused frame; the connection closes.</summary>
    Error = 0xFF,
}

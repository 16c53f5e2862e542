using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Qec.Server.Raw;

namespace Qec.Server.Client;

/// <summary>
/// A blocking client of the raw protocol (proto/RAW.md), for controllers written in C#, tests and
/// the load generator. Requests are buffered by the Send methods and leave together on
/// <see cref="Flush"/>; <see cref="Receive"/> blocks for the next answer. One thread may send while
/// another receives (they share nothing); no two threads may send, or receive, at once.
/// </summary>
public sealed class RawDecoderClient : IDisposable
{
    private const int MaxIncomingPayload = 256 << 20;

    private readonly Socket _socket;
    private readonly RawFrameWriter _out = new(4096);
    private byte[] _in = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _consumeOnNextReceive;

    private RawDecoderClient(Socket socket) => _socket = socket;

    /// <summary>Largest payload the server accepts (from HELLO_OK).</summary>
    public int MaxPayloadBytes { get; private set; }

    /// <summary>Microseconds <see cref="Receive"/> polls for bytes before it blocks (0: block at once).</summary>
    public int SpinMicros { get; set; }

    /// <summary>The session this connection holds, after <see cref="Open"/> or <see cref="Attach"/>.</summary>
    public RawSessionInfo? Session { get; private set; }

    /// <summary>Connects over TCP and says HELLO (with the bearer token, if any).</summary>
    public static RawDecoderClient ConnectTcp(IPEndPoint endPoint, string? token = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        return Connect(socket, endPoint, token);
    }

    /// <summary>Connects over a Unix socket and says HELLO.</summary>
    public static RawDecoderClient ConnectUnix(string path, string? token = null) =>
        Connect(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(path), token);

    /// <summary>Opens a session owned by this connection (closed when the connection ends).</summary>
    /// <param name="demText">Stim .dem text, or null when <paramref name="builtInModel"/> is given.</param>
    /// <param name="builtInModel">Name of a built-in model, or null.</param>
    /// <param name="decoder">Decoder name, e.g. "mwpm".</param>
    /// <param name="options">Decoder options, or null.</param>
    /// <param name="softOutput">Ask for weight and soft output in every correction (assemble mode only; NaN in stream mode).</param>
    /// <param name="stream">
    /// Open in stream mode: ROUND frames are the model's rounds in order, decoded by a sliding window
    /// as they arrive (OPEN flag bit 1; see proto/RAW.md).
    /// </param>
    /// <param name="earlyCorrections">Stream mode: receive a COMMITTED frame each time a window commits (OPEN flag bit 2).</param>
    /// <param name="circuitText">
    /// Stim circuit text instead of <paramref name="demText"/> and <paramref name="builtInModel"/> (both null then):
    /// the server analyzes it into its decomposed DEM, as gRPC's <c>circuit_text</c> (model kind 2).
    /// </param>
    public RawSessionInfo Open(string? demText, string? builtInModel, string decoder, IReadOnlyDictionary<string, string>? options = null,
        bool softOutput = false, bool stream = false, bool earlyCorrections = false, string? circuitText = null)
    {
        string optionText = options is null ? "" : string.Join('\n', options.Select(kv => kv.Key + "=" + kv.Value));
        byte flags = (byte)((softOutput ? RawProtocol.FlagSoftOutput : 0) | (stream ? RawProtocol.FlagStream : 0)
            | (earlyCorrections ? RawProtocol.FlagEarlyCorrections : 0));
        byte kind = circuitText is not null ? RawProtocol.ModelKindCircuitText
            : builtInModel is not null ? RawProtocol.ModelKindBuiltIn : RawProtocol.ModelKindDemText;
        _out.WriteOpen(kind, circuitText ?? builtInModel ?? demText ?? "", decoder, optionText, flags);
        Flush();
        return Session = ReadOpened(softOutput);
    }

    /// <summary>Takes a session opened over gRPC (its soft-output choice is the server's to apply).</summary>
    public RawSessionInfo Attach(string sessionId, bool softOutput = false)
    {
        _out.WriteAttach(sessionId);
        Flush();
        return Session = ReadOpened(softOutput);
    }

    /// <summary>Buffers a SHOT frame.</summary>
    public void SendShot(ulong shotId, ReadOnlySpan<byte> detectionEvents) => _out.WriteShot(shotId, detectionEvents);

    /// <summary>Buffers a SHOTS frame of <paramref name="count"/> consecutive shots.</summary>
    public void SendShots(ulong firstShotId, int count, ReadOnlySpan<byte> detectionEvents) => _out.WriteShots(firstShotId, count, detectionEvents);

    /// <summary>Buffers a ROUND frame.</summary>
    public void SendRound(ulong shotId, uint round, uint firstDetector, uint count, ReadOnlySpan<byte> detectionEvents, bool final) =>
        _out.WriteRound(shotId, round, firstDetector, count, detectionEvents, final);

    /// <summary>Buffers an ECHO frame.</summary>
    public void SendEcho(ReadOnlySpan<byte> payload) => payload.CopyTo(_out.Begin(RawFrameType.Echo, 0, payload.Length));

    /// <summary>Buffers any bytes as they are (for protocol tests).</summary>
    public void SendRawBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(_out.BeginUnframed(bytes.Length));

    /// <summary>Sends everything buffered, in one send when the kernel takes it.</summary>
    public void Flush()
    {
        var data = _out.WrittenSpan;
        while (data.Length > 0)
        {
            data = data[_socket.Send(data, SocketFlags.None)..];
        }
        _out.Clear();
    }

    /// <summary>
    /// Blocks for the next frame from the server. The reply's spans stay valid until the next
    /// call. An ERROR frame throws <see cref="RawServerException"/>; the end of the connection
    /// throws <see cref="IOException"/>.
    /// </summary>
    public RawReply Receive()
    {
        _start += _consumeOnNextReceive;
        _consumeOnNextReceive = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_in, _start, _end - _start);
            if (RawFrameReader.TryParseFrame(buffer, MaxIncomingPayload, out var frame))
            {
                _consumeOnNextReceive = (int)frame.TotalLength;
                var payload = _in.AsSpan(_start + RawProtocol.HeaderSize, (int)frame.Payload.Length);
                if (frame.Type == RawFrameType.Error)
                {
                    throw RawServerException.From(payload);
                }
                return new RawReply(frame.Type, frame.Flags, payload);
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_in, _start, _in, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _in.Length)
            {
                Array.Resize(ref _in, _in.Length * 2);
            }
            if (SpinMicros > 0)
            {
                SocketPolling.SpinUntilReadable(_socket, SpinMicros * System.Diagnostics.Stopwatch.Frequency / 1_000_000);
            }
            int n = _socket.Receive(_in.AsSpan(_end), SocketFlags.None);
            if (n == 0)
            {
                throw new IOException(_end > _start
                    ? $"the server closed the connection in the middle of a frame ({_end - _start} bytes of it)"
                    : "the server closed the connection");
            }
            _end += n;
        }
    }

    /// <summary>
    /// One shot in flight: sends it, waits for its correction, copies the flips into
    /// <paramref name="observableFlips"/> and returns the server's decoder time in nanoseconds.
    /// </summary>
    public long Decode(ulong shotId, ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        _out.WriteShot(shotId, detectionEvents);
        Flush();
        var reply = Receive();
        if (reply.Type != RawFrameType.Correction || reply.ShotId != shotId)
        {
            throw new IOException($"expected the CORRECTION of shot {shotId}, got frame type {reply.Type}{(reply.Type == RawFrameType.Goodbye ? ": " + reply.Message : "")}");
        }
        reply.Flips(observableFlips.Length).CopyTo(observableFlips);
        return reply.DecoderNs;
    }

    /// <summary>Sends CLOSE and waits for CLOSED (receive every correction first); returns the session's decoded count.</summary>
    public long CloseSession()
    {
        _out.WriteEmpty(RawFrameType.Close);
        Flush();
        var reply = Receive();
        if (reply.Type != RawFrameType.Closed)
        {
            throw new IOException($"expected CLOSED, got frame type {reply.Type}");
        }
        Session = null;
        return (long)BinaryPrimitives.ReadUInt64LittleEndian(reply.Payload);
    }

    /// <summary>Ends the sending direction (the server sees end-of-stream after what was sent).</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();

    private static RawDecoderClient Connect(Socket socket, EndPoint endPoint, string? token)
    {
        try
        {
            socket.Connect(endPoint);
            var client = new RawDecoderClient(socket);
            client._out.WriteHello(token);
            client.Flush();
            var reply = client.Receive();
            if (reply.Type != RawFrameType.HelloOk)
            {
                throw new IOException($"expected HELLO_OK, got frame type {reply.Type}");
            }
            client.MaxPayloadBytes = (int)BinaryPrimitives.ReadUInt32LittleEndian(reply.Payload[RawProtocol.HelloOkMaxPayloadOffset..]);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private RawSessionInfo ReadOpened(bool softOutput)
    {
        var reply = Receive();
        if (reply.Type != RawFrameType.Opened)
        {
            throw new IOException($"expected OPENED, got frame type {reply.Type}");
        }
        var p = reply.Payload;
        if (p.Length < RawProtocol.OpenedBaseSize)
        {
            throw new IOException($"OPENED payload of {p.Length} bytes, expected at least {RawProtocol.OpenedBaseSize}");
        }
        // A server older than stream mode sends 48 bytes: then the session is in assemble mode.
        bool extended = p.Length >= RawProtocol.OpenedSize;
        return new RawSessionInfo(
            Encoding.ASCII.GetString(p.Slice(RawProtocol.OpenedSessionIdOffset, RawProtocol.SessionIdLength)),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenedDetectorsOffset..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenedObservablesOffset..]),
            softOutput,
            (reply.Flags & RawProtocol.FlagStream) != 0,
            (reply.Flags & RawProtocol.FlagEarlyCorrections) != 0,
            extended ? (int)BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenedRoundsOffset..]) : 0,
            extended ? (int)BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenedWindowOffset..]) : 0,
            extended ? (int)BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenedCommitOffset..]) : 0);
    }
}

/// <summary>A session as the raw client sees it.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="NumDetectors">Detectors per shot.</param>
/// <param name="NumObservables">Observables per shot.</param>
/// <param name="SoftOutput">Whether corrections carry weight and soft output.</param>
/// <param name="Stream">The session is in stream mode (OPENED flag bit 1).</param>
/// <param name="EarlyCorrections">Stream mode: the session sends COMMITTED frames (OPENED flag bit 2).</param>
/// <param name="NumRounds">Stream mode: rounds per shot (0 in assemble mode).</param>
/// <param name="WindowRounds">Stream mode: window W in rounds (0 in assemble mode and for whole-shot fallback).</param>
/// <param name="CommitRounds">Stream mode: commit region C in rounds (0 where W is 0).</param>
public sealed record RawSessionInfo(string SessionId, int NumDetectors, int NumObservables, bool SoftOutput,
    bool Stream = false, bool EarlyCorrections = false, int NumRounds = 0, int WindowRounds = 0, int CommitRounds = 0)
{
    /// <summary>ceil(NumDetectors / 8).</summary>
    public int DetectorBytes => (NumDetectors + 7) >> 3;

    /// <summary>ceil(NumObservables / 8).</summary>
    public int ObservableBytes => (NumObservables + 7) >> 3;
}

/// <summary>An ERROR frame from the server.</summary>
public sealed class RawServerException(StatusCode code, ulong shotId, long byteOffset, string message) : IOException(message)
{
    /// <summary>The gRPC status code the server chose.</summary>
    public StatusCode Code { get; } = code;

    /// <summary>The shot at fault, or <see cref="RawProtocol.NoShot"/>.</summary>
    public ulong ShotId { get; } = shotId;

    /// <summary>Byte offset of the frame at fault in the server's input.</summary>
    public long ByteOffset { get; } = byteOffset;

    internal static RawServerException From(ReadOnlySpan<byte> p) => p.Length < RawProtocol.ErrorMessageOffset
        ? new RawServerException(StatusCode.Internal, RawProtocol.NoShot, -1, "malformed ERROR frame")
        : new RawServerException(
            (StatusCode)BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.ErrorCodeOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(p[RawProtocol.ErrorShotOffset..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(p[RawProtocol.ErrorByteOffset..]),
            Encoding.UTF8.GetString(p[RawProtocol.ErrorMessageOffset..]));
}

using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Server.Decoding;
using Qec.Server.Grpc;
using Qec.Server.Hosting;
using Qec.Server.Metrics;
using Qec.Server.Sessions;

namespace Qec.Server.Raw;

/// <summary>
/// One raw connection, served by one dedicated thread: a blocking receive into a pipe, then every
/// complete frame in the pipe is parsed and handled inline (shots decoded on this thread, no
/// thread-pool hop), the answers are written back to back into one buffer and leave in one send.
/// Backpressure is TCP's: while a send blocks, nothing more is read. Invariants: answers leave in
/// frame order; every shot read is answered before the connection closes, also before an ERROR
/// (the answers to the frames before the bad one go first) and before a GOODBYE on shutdown.
/// The shot frames (SHOT, SHOTS, ROUND in both session modes) are handled in RawConnection.Shots.cs.
/// </summary>
internal sealed partial class RawConnection
{
    private const int ReceiveBytes = 16 * 1024;

    private readonly Socket _socket;
    private readonly SessionRegistry _sessions;
    private readonly ServerMetrics _metrics;
    private readonly QecServerOptions _options;
    private readonly Pipe _pipe;
    private readonly long _spinTicks;
    // Room for the answers to one receive buffer of frames, so the buffer does not grow in steady
    // state: a SHOT's CORRECTION is at most ~1.3x its size and an ECHO_REPLY 1x. (Soft output on
    // tiny models can need more; the buffer then grows once and stays.)
    private readonly RawFrameWriter _out = new((2 * ReceiveBytes) + 4096);
    private byte[] _scratch = new byte[256];
    private long _offset;
    private bool _hello;
    private ShotDecoder? _decoder;
    private long _pendingShots;
    private long _pendingNs;
    private long _answered;
    private bool _clientGone;
    private volatile bool _stopRequested;

    public RawConnection(Socket socket, SessionRegistry sessions, ServerMetrics metrics, QecServerOptions options)
    {
        _socket = socket;
        _sessions = sessions;
        _metrics = metrics;
        _options = options;
        _spinTicks = options.RawSpinMicros * Stopwatch.Frequency / 1_000_000;
        // Both ends of the pipe run on this thread: no schedulers, no pause (a frame is bounded
        // by the payload limit, checked before it is buffered).
        _pipe = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0, resumeWriterThreshold: 0, minimumSegmentSize: ReceiveBytes, useSynchronizationContext: false));
    }

    /// <summary>Asks the connection to finish: it answers what it has read, says GOODBYE and closes.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Receive); // wakes the blocking receive with end-of-stream
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Aborts the connection (after the shutdown grace period).</summary>
    public void Abort() => _socket.Dispose();

    /// <summary>The connection's thread body: returns when the connection is closed.</summary>
    public void Run()
    {
        _metrics.AddStream(1);
        try
        {
            Serve();
        }
        catch (RawFrameException e)
        {
            Fail(e.Code, RawProtocol.NoShot, e.Message);
        }
        catch (QecServerException e)
        {
            Fail(e.Code, e.ShotId ?? RawProtocol.NoShot, e.Message);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            ClientGone();
        }
        finally
        {
            EndSession(closeAttached: _clientGone);
            _pipe.Reader.Complete();
            _pipe.Writer.Complete();
            _socket.Dispose();
            _metrics.AddStream(-1);
        }
    }

    private void Serve()
    {
        var writer = _pipe.Writer;
        var reader = _pipe.Reader;
        long buffered = 0; // bytes of an incomplete frame left in the pipe
        while (true)
        {
            var memory = writer.GetMemory(ReceiveBytes);
            if (_spinTicks > 0)
            {
                SocketPolling.SpinUntilReadable(_socket, _spinTicks);
            }
            int received = _stopRequested ? 0 : _socket.Receive(memory.Span, SocketFlags.None);
            if (received == 0)
            {
                if (_stopRequested)
                {
                    Goodbye();
                    return;
                }
                if (buffered > 0)
                {
                    throw new RawFrameException(StatusCode.InvalidArgument,
                        $"truncated frame at byte offset {_offset}: the connection ended {buffered} bytes into it");
                }
                ClientGone(); // the client closed without CLOSE: its session goes with it
                return;
            }
            long start = Stopwatch.GetTimestamp();
            writer.Advance(received);
            var flush = writer.FlushAsync();
            Debug.Assert(flush.IsCompletedSuccessfully, "an unpaused pipe with an inline reader flushes synchronously");
            if (!reader.TryRead(out var result))
            {
                throw new InvalidOperationException("the pipe returned no data after a flush");
            }
            var buffer = result.Buffer;
            try
            {
                while (RawFrameReader.TryParseFrame(buffer, _options.MaxRawPayloadBytes, out var frame))
                {
                    Handle(frame);
                    _offset += frame.TotalLength;
                    buffer = buffer.Slice(frame.TotalLength);
                }
            }
            catch (RawFrameException e)
            {
                throw new RawFrameException(e.Code, $"frame at byte offset {_offset}: {e.Message}");
            }
            finally
            {
                buffered = buffer.Length;
                reader.AdvanceTo(buffer.Start, buffer.End);
                Send();
            }
            _metrics.ServiceTime(IngestPath.Raw, ShotDecoder.ElapsedNs(start));
        }
    }

    private void Handle(in RawFrame frame)
    {
        if (frame.Type == RawFrameType.Hello)
        {
            Hello(Contiguous(frame.Payload));
            return;
        }
        if (!_hello)
        {
            throw _options.BearerToken is null
                ? new QecServerException(StatusCode.FailedPrecondition, $"frame type 0x{(byte)frame.Type:X2} before HELLO: HELLO must come first")
                : new QecServerException(StatusCode.Unauthenticated, "send HELLO with the bearer token first");
        }
        switch (frame.Type)
        {
            case RawFrameType.Shot:
                Shot(Contiguous(frame.Payload));
                break;
            case RawFrameType.Shots:
                Shots(Contiguous(frame.Payload));
                break;
            case RawFrameType.Round:
                Round(Contiguous(frame.Payload), (frame.Flags & RawProtocol.FlagFinal) != 0);
                break;
            case RawFrameType.Echo:
                _out.WriteEcho(RawFrameType.EchoReply, frame.Payload);
                break;
            case RawFrameType.Open:
                Open(Contiguous(frame.Payload), frame.Flags);
                break;
            case RawFrameType.Attach:
                Attach(Contiguous(frame.Payload));
                break;
            case RawFrameType.Close:
                Send(); // answers leave (and are counted) before CLOSED
                long decoded = _decoder?.Session.ShotsDecoded ?? 0;
                EndSession(closeAttached: false);
                _out.WriteClosed(decoded);
                break;
            default:
                throw new RawFrameException(StatusCode.InvalidArgument,
                    $"unknown frame type 0x{(byte)frame.Type:X2} (client frames are 0x01..0x08, see proto/RAW.md)");
        }
    }

    private void Hello(ReadOnlySpan<byte> p)
    {
        if (_hello)
        {
            throw new QecServerException(StatusCode.FailedPrecondition, "a second HELLO");
        }
        if (p.Length < RawProtocol.HelloTokenOffset || BinaryPrimitives.ReadUInt32LittleEndian(p) != RawProtocol.HelloMagic)
        {
            throw new RawFrameException(StatusCode.InvalidArgument, "HELLO must start with the magic bytes \"QECR\"");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(p[RawProtocol.HelloVersionOffset..]);
        if (version != RawProtocol.Version)
        {
            throw new QecServerException(StatusCode.FailedPrecondition, $"protocol version {version} is not spoken here; this server speaks {RawProtocol.Version}");
        }
        int tokenLength = BinaryPrimitives.ReadUInt16LittleEndian(p[RawProtocol.HelloTokenLengthOffset..]);
        if (p.Length != RawProtocol.HelloTokenOffset + tokenLength)
        {
            throw new RawFrameException(StatusCode.InvalidArgument, $"HELLO of {p.Length} bytes declares a {tokenLength}-byte token");
        }
        if (_options.BearerToken is { } token && !BearerTokenInterceptor.Matches(token, p.Slice(RawProtocol.HelloTokenOffset, tokenLength)))
        {
            throw new QecServerException(StatusCode.Unauthenticated, tokenLength == 0 ? "this server needs a bearer token in HELLO" : "the bearer token does not match");
        }
        _hello = true;
        _out.WriteHelloOk(_options.MaxRawPayloadBytes);
    }

    private void Open(ReadOnlySpan<byte> p, byte flags)
    {
        RequireNoSession();
        RequireKnownOpenFlags(flags);
        if (p.Length < RawProtocol.OpenStringsOffset)
        {
            throw new RawFrameException(StatusCode.InvalidArgument, $"OPEN payload of {p.Length} bytes is shorter than its {RawProtocol.OpenStringsOffset}-byte header");
        }
        byte kind = p[RawProtocol.OpenKindOffset];
        long d = BinaryPrimitives.ReadUInt16LittleEndian(p[RawProtocol.OpenDecoderLengthOffset..]);
        long m = BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenModelLengthOffset..]);
        long o = BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.OpenOptionsLengthOffset..]);
        if (RawProtocol.OpenStringsOffset + d + m + o != p.Length || kind > RawProtocol.ModelKindCircuitText)
        {
            throw new RawFrameException(StatusCode.InvalidArgument,
                $"OPEN payload of {p.Length} bytes does not match its lengths (decoder {d}, model {m}, options {o}) or model kind {kind}");
        }
        var strings = p[RawProtocol.OpenStringsOffset..];
        string decoder = Encoding.UTF8.GetString(strings[..(int)d]);
        string model = Encoding.UTF8.GetString(strings.Slice((int)d, (int)m));
        var options = ParseOptions(Encoding.UTF8.GetString(strings.Slice((int)(d + m), (int)o)));
        bool soft = (flags & RawProtocol.FlagSoftOutput) != 0;
        var mode = (flags & RawProtocol.FlagStream) != 0 ? SessionMode.Stream : SessionMode.Assemble;
        bool early = (flags & RawProtocol.FlagEarlyCorrections) != 0;
        var request = kind switch
        {
            RawProtocol.ModelKindBuiltIn => new SessionRequest(null, model, decoder, options, soft, mode, early),
            RawProtocol.ModelKindCircuitText => new SessionRequest(null, null, decoder, options, soft, mode, early, CircuitText: model),
            _ => new SessionRequest(model, null, decoder, options, soft, mode, early),
        };
        var session = _sessions.Create(request, connectionScoped: true, out _);
        session.Attach();
        _decoder = new ShotDecoder(session, _metrics, IngestPath.Raw, _options.RawDecoderThread);
        WriteOpened(session);
    }

    // A bit OPEN does not know may be a later version's request: refused, never ignored.
    private static void RequireKnownOpenFlags(byte flags)
    {
        int unknown = flags & ~RawProtocol.OpenFlags;
        if (unknown == 0)
        {
            return;
        }
        var bits = new List<int>();
        for (int b = 0; b < 8; b++)
        {
            if ((unknown & (1 << b)) != 0)
            {
                bits.Add(b);
            }
        }
        string named = bits.Count == 1 ? $"bit {bits[0]} (0x{unknown:X2}) is" : $"bits {string.Join(", ", bits)} (0x{unknown:X2}) are";
        throw new RawFrameException(StatusCode.InvalidArgument,
            $"OPEN flag {named} unknown; OPEN flags are bit 0 soft output, bit 1 stream mode, bit 2 early corrections");
    }

    private void WriteOpened(DecoderSession session)
    {
        byte flags = (byte)((session.SoftOutput ? RawProtocol.FlagSoftOutput : 0)
            | (session.Mode == SessionMode.Stream ? RawProtocol.FlagStream : 0)
            | (session.EarlyCorrections ? RawProtocol.FlagEarlyCorrections : 0));
        _out.WriteOpened(session.NumDetectors, session.NumObservables, session.Id, flags, session.NumRounds, session.WindowRounds, session.CommitRounds);
    }

    private void Attach(ReadOnlySpan<byte> p)
    {
        RequireNoSession();
        var session = _sessions.Get(Encoding.ASCII.GetString(p));
        session.Attach();
        _decoder = new ShotDecoder(session, _metrics, IngestPath.Raw, _options.RawDecoderThread);
        WriteOpened(session);
    }

    // Sends every frame written since the last send, then counts its shots as answered. They leave
    // the backlog before the send: the client may read them (and ask for stats) before Send returns,
    // and a send that fails (the client is gone) must not leave them counted.
    private void Send()
    {
        if (_pendingShots > 0)
        {
            _metrics.AddBacklog(-_pendingShots);
        }
        if (_out.Length > 0)
        {
            var data = _out.WrittenSpan;
            while (data.Length > 0)
            {
                data = data[_socket.Send(data, SocketFlags.None)..];
            }
            _out.Clear();
        }
        if (_pendingShots > 0)
        {
            _decoder?.Answered((int)_pendingShots, _pendingNs);
            _answered += _pendingShots;
            _pendingShots = 0;
            _pendingNs = 0;
        }
    }

    // The client went away; that is an error (CANCELLED) only when it left a session behind.
    private void ClientGone()
    {
        _clientGone = true;
        if (_decoder is not null)
        {
            _metrics.Error(IngestPath.Raw, StatusCode.Cancelled);
        }
    }

    private void Goodbye()
    {
        _metrics.Error(IngestPath.Raw, StatusCode.Unavailable);
        _out.WriteGoodbye(_answered + _pendingShots, $"server shutting down: every shot read on this connection was answered ({_answered + _pendingShots})");
        TrySend();
    }

    private void Fail(StatusCode code, ulong shotId, string message)
    {
        _metrics.Error(IngestPath.Raw, code);
        _out.WriteError(code, shotId, _offset, message);
        TrySend();
    }

    private void TrySend()
    {
        try
        {
            Send();
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the client is already gone: nobody to tell
        }
    }

    // Ends the connection's use of its session: an OPENed session closes with it; an ATTACHed one
    // (opened over gRPC) is detached, and closed too when the client vanished without CLOSE.
    private void EndSession(bool closeAttached)
    {
        if (_decoder is null)
        {
            return;
        }
        var session = _decoder.Session;
        _decoder.Dispose();
        _decoder = null;
        session.Detach();
        if (session.ConnectionScoped || closeAttached)
        {
            _sessions.Close(session);
        }
    }

    private ShotDecoder RequireSession()
    {
        var decoder = _decoder ?? throw new QecServerException(StatusCode.FailedPrecondition, "no session: send OPEN or ATTACH before shots");
        if (decoder.Session.IsClosed)
        {
            throw QecServerException.NotFound($"session {decoder.Session.Id} was closed");
        }
        return decoder;
    }

    private void RequireNoSession()
    {
        if (_decoder is not null)
        {
            throw new QecServerException(StatusCode.FailedPrecondition, $"this connection already holds session {_decoder.Session.Id}: CLOSE it first");
        }
    }

    // The payload as one span: itself when it lies in one segment, else a copy in scratch space.
    private ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return payload.FirstSpan;
        }
        if (_scratch.Length < payload.Length)
        {
            _scratch = new byte[Math.Max(_scratch.Length * 2, (int)payload.Length)];
        }
        payload.CopyTo(_scratch);
        return _scratch.AsSpan(0, (int)payload.Length);
    }

    private static Dictionary<string, string> ParseOptions(string text)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                throw QecServerException.Invalid($"decoder option '{line}' must look like key=value");
            }
            options[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return options;
    }
}

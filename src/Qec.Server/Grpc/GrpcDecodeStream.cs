using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Server.Decoding;
using Qec.Server.Metrics;
using Qec.Server.Protocol;
using Qec.Server.Sessions;

namespace Qec.Server.Grpc;

/// <summary>
/// One Decode call: a reader loop (this call's own task) that reads shots, validates and decodes
/// them inline, and puts the corrections on a bounded queue; a writer loop that takes them off,
/// merges what is waiting into one message, and writes. The queue is the backpressure: when the
/// client does not read, the writer blocks, the queue fills, the reader stops reading, and
/// HTTP/2 flow control stops the client. Invariants: corrections leave in the order their shots
/// completed; every shot read is answered before the call ends (also on errors and on shutdown:
/// the writer drains the queue first), except when the client itself is gone.
/// </summary>
internal sealed class GrpcDecodeStream
{
    /// <summary>Corrections in one response message at most (keeps messages far below 4 MB).</summary>
    internal const int MaxCorrectionsPerResponse = 4096;

    private readonly SessionRegistry _sessions;
    private readonly ServerMetrics _metrics;
    private readonly IAsyncStreamReader<DecodeRequest> _requests;
    private readonly IServerStreamWriter<DecodeResponse> _responses;
    private readonly ServerCallContext _context;
    private readonly CancellationToken _stopping;
    private readonly Channel<DecodeResponse>? _queue;
    private readonly bool _decoderThread;
    private ShotDecoder? _decoder;
    private byte[] _runEvents = []; // a run's detection events gathered for its batch call; grows, never shrinks
    private long _answered;
    private ulong _lastAnswered;
    private Exception? _writeFailure;

    /// <summary>
    /// One call's state; with <paramref name="decoderThread"/> its single whole shots are decoded on a thread
    /// of the call's own (<see cref="Hosting.QecServerOptions.GrpcDecoderThread"/>).
    /// </summary>
    public GrpcDecodeStream(SessionRegistry sessions, ServerMetrics metrics, int queueCapacity, bool decoderThread, IAsyncStreamReader<DecodeRequest> requests,
        IServerStreamWriter<DecodeResponse> responses, ServerCallContext context, CancellationToken stopping)
    {
        _sessions = sessions;
        _decoderThread = decoderThread;
        _metrics = metrics;
        _requests = requests;
        _responses = responses;
        _context = context;
        _stopping = stopping;
        // Synchronous continuations: when the writer loop is idle, handing it a response runs it
        // inline on the reader's thread (no thread-pool hop on the one-shot-in-flight path).
        _queue = queueCapacity == 0 ? null : Channel.CreateBounded<DecodeResponse>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Runs the call to its end; throws the call's final status when it is not OK.</summary>
    public async Task RunAsync()
    {
        _metrics.AddStream(1);
        var end = StreamEnd.Completed;
        Exception? failure = null;
        var writer = _queue is null ? Task.CompletedTask : WriteLoopAsync(_queue.Reader);
        try
        {
            using var readCancel = CancellationTokenSource.CreateLinkedTokenSource(_context.CancellationToken, _stopping);
            while (failure is null && await _requests.MoveNext(readCancel.Token).ConfigureAwait(false))
            {
                long start = Stopwatch.GetTimestamp();
                var request = _requests.Current;
                failure = Begin(request);
                for (int next = 0; failure is null && next < request.Shots.Count;)
                {
                    var response = new DecodeResponse();
                    failure = Process(request, ref next, response);
                    if (response.Corrections.Count > 0)
                    {
                        if (_queue is null)
                        {
                            await WriteAsync(response).ConfigureAwait(false);
                        }
                        else
                        {
                            await _queue.Writer.WriteAsync(response, _context.CancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                _metrics.ServiceTime(IngestPath.Grpc, ShotDecoder.ElapsedNs(start));
            }
        }
        catch (Exception e) when (_context.CancellationToken.IsCancellationRequested)
        {
            end = StreamEnd.ClientGone;
            failure = e;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            end = StreamEnd.ServerStopping;
        }
        catch (IOException e)
        {
            end = StreamEnd.ClientGone;
            failure = e;
        }
        catch (RpcException e)
        {
            failure = e; // e.g. a message over the size limit, raised by the framework while reading
        }
        finally
        {
            _queue?.Writer.TryComplete();
        }
        await writer.ConfigureAwait(false);
        var status = StatusOf(end, failure);
        // Counted before the session is closed, so whoever sees the session gone also sees the error.
        if (end == StreamEnd.ClientGone || status is not null)
        {
            _metrics.Error(IngestPath.Grpc, status?.StatusCode ?? StatusCode.Cancelled);
        }
        Finish(end);
        _metrics.AddStream(-1);
        if (status is not null)
        {
            throw status;
        }
    }

    // Attaches the session on the first message; checks later messages name the same one.
    private Exception? Begin(DecodeRequest request)
    {
        try
        {
            if (_decoder is null)
            {
                var session = _sessions.Get(request.SessionId);
                session.Attach();
                _decoder = new ShotDecoder(session, _metrics, IngestPath.Grpc, _decoderThread);
            }
            else if (request.SessionId.Length != 0 && request.SessionId != _decoder.Session.Id)
            {
                return QecServerException.Invalid(
                    $"this stream belongs to session {_decoder.Session.Id}; a later message named session {request.SessionId}");
            }
            else if (_decoder.Session.IsClosed)
            {
                return QecServerException.NotFound($"session {_decoder.Session.Id} was closed");
            }
            return null;
        }
        catch (QecServerException e)
        {
            return e;
        }
    }

    // Decodes shots from index `next` until the message ends, the response is full, or a shot is
    // bad (returned; the shots before it stay answered). With a decoder that takes runs, each run of
    // whole shots goes to it in one batch call.
    private QecServerException? Process(DecodeRequest request, ref int next, DecodeResponse response)
    {
        var decoder = _decoder!;
        var session = decoder.Session;
        var shots = request.Shots;
        try
        {
            while (next < shots.Count && response.Corrections.Count < MaxCorrectionsPerResponse)
            {
                var shot = shots[next];
                switch (shot.EventsCase)
                {
                    case Shot.EventsOneofCase.DetectionEvents when decoder.DecodesRuns:
                        next = DecodeRun(decoder, shots, next, response);
                        continue;
                    case Shot.EventsOneofCase.DetectionEvents:
                        var events = shot.DetectionEvents.Span;
                        decoder.BeginWholeShot(shot.ShotId);
                        ShotChecks.CheckWholeShot(events, session.NumDetectors, shot.ShotId);
                        response.Corrections.Add(Decode(decoder, shot.ShotId, events));
                        break;
                    case Shot.EventsOneofCase.Round when decoder.IsStream:
                        PushRound(decoder, shot.ShotId, shot.Round, response);
                        break;
                    case Shot.EventsOneofCase.Round:
                        var r = shot.Round;
                        if (decoder.Assembler!.Add(shot.ShotId, r.Index, r.FirstDetector, r.NumDetectors, r.DetectionEvents.Span, r.Final))
                        {
                            response.Corrections.Add(Decode(decoder, shot.ShotId, decoder.Assembler.Shot));
                        }
                        break;
                    default:
                        throw QecServerException.Invalid($"shot {shot.ShotId}: neither detection_events nor a round");
                }
                next++;
            }
            return null;
        }
        catch (QecServerException e)
        {
            return e;
        }
    }

    // The run of whole shots from index `first` (as many as the response has room for) in one batch
    // call (assemble mode: no open round-by-round shot to check). Every shot is checked first; a bad
    // one ends the run: the shots before it are decoded and answered, then its error is thrown.
    // Returns the index after the run.
    private int DecodeRun(ShotDecoder decoder, RepeatedField<Shot> shots, int first, DecodeResponse response)
    {
        var session = decoder.Session;
        int db = session.DetectorBytes, ob = session.ObservableBytes;
        int limit = Math.Min(shots.Count, first + MaxCorrectionsPerResponse - response.Corrections.Count);
        int end = first;
        QecServerException? bad = null;
        for (; end < limit && shots[end].EventsCase == Shot.EventsOneofCase.DetectionEvents; end++)
        {
            try
            {
                ShotChecks.CheckWholeShot(shots[end].DetectionEvents.Span, session.NumDetectors, shots[end].ShotId);
            }
            catch (QecServerException e)
            {
                bad = e;
                break;
            }
        }
        int n = end - first;
        if (n > 0)
        {
            if (_runEvents.Length < n * db)
            {
                _runEvents = new byte[Math.Max(n * db, 2 * _runEvents.Length)];
            }
            for (int s = 0; s < n; s++)
            {
                shots[first + s].DetectionEvents.Span.CopyTo(_runEvents.AsSpan(s * db, db));
            }
            session.AddReceived(n);
            _metrics.AddBacklog(n);
            var flips = new byte[n * ob]; // one array for the run; each correction wraps its slice
            long ns;
            try
            {
                ns = decoder.DecodeRun(shots[first].ShotId, _runEvents.AsSpan(0, n * db), flips, n);
            }
            catch (QecServerException)
            {
                _metrics.AddBacklog(-n); // never answered: the stream ends with the error
                throw;
            }
            for (int s = 0; s < n; s++)
            {
                response.Corrections.Add(new Correction
                {
                    ShotId = shots[first + s].ShotId,
                    ObservableFlips = UnsafeByteOperations.UnsafeWrap(flips.AsMemory(s * ob, ob)),
                    DecoderNs = (ulong)(ns / n),
                });
            }
        }
        return bad is null ? end : throw bad;
    }

    private Correction Decode(ShotDecoder decoder, ulong shotId, ReadOnlySpan<byte> events)
    {
        var session = decoder.Session;
        session.AddReceived(1);
        _metrics.AddBacklog(1);
        var flips = new byte[session.ObservableBytes];
        long ns;
        DecodeInfo info;
        try
        {
            ns = decoder.Decode(shotId, events, flips, out info);
        }
        catch (QecServerException)
        {
            _metrics.AddBacklog(-1); // never answered: the stream ends with the error
            throw;
        }
        var correction = new Correction
        {
            ShotId = shotId,
            ObservableFlips = UnsafeByteOperations.UnsafeWrap(flips),
            DecoderNs = (ulong)ns,
            CommittedRounds = (uint)session.NumRounds, // 0 in assemble mode
        };
        if (!double.IsNaN(info.Weight))
        {
            correction.Weight = info.Weight;
        }
        if (!double.IsNaN(info.SoftOutput))
        {
            correction.SoftOutput = info.SoftOutput;
        }
        return correction;
    }

    // Stream mode: one round; a partial correction when a window committed and the session asked
    // for early corrections, the shot's correction after its last round (the shot counts as read
    // then, as an assembled shot does at its final part).
    private void PushRound(ShotDecoder decoder, ulong shotId, Round round, DecodeResponse response)
    {
        var outcome = decoder.PushRound(shotId, round.Index, round.FirstDetector, round.NumDetectors, round.DetectionEvents.Span, round.Final);
        var rounds = decoder.Rounds!;
        var session = decoder.Session;
        if ((outcome & RoundOutcome.Committed) != 0 && session.EarlyCorrections)
        {
            response.Corrections.Add(new Correction
            {
                ShotId = shotId,
                ObservableFlips = ByteString.CopyFrom(rounds.CommittedFlips),
                DecoderNs = (ulong)rounds.PushNs,
                Partial = true,
                CommittedRounds = (uint)rounds.CommittedRounds,
            });
        }
        if ((outcome & RoundOutcome.Final) != 0)
        {
            session.AddReceived(1);
            _metrics.AddBacklog(1);
            response.Corrections.Add(new Correction
            {
                ShotId = shotId,
                ObservableFlips = ByteString.CopyFrom(rounds.FinalFlips),
                DecoderNs = (ulong)rounds.ShotNs,
                CommittedRounds = (uint)session.NumRounds,
            });
        }
    }

    private async Task WriteLoopAsync(ChannelReader<DecodeResponse> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var response))
            {
                while (response.Corrections.Count < MaxCorrectionsPerResponse && reader.TryPeek(out var more)
                       && response.Corrections.Count + more.Corrections.Count <= MaxCorrectionsPerResponse)
                {
                    reader.TryRead(out _);
                    response.Corrections.Add(more.Corrections);
                }
                await WriteAsync(response).ConfigureAwait(false);
            }
        }
    }

    // Writes one response and counts its shots answered; after a failed write (the client is
    // gone) it only takes the shots off the backlog, so the reader never waits on a dead stream.
    // Partial corrections (stream mode) answer no shot: they are neither answers nor backlog.
    // The shots leave the backlog before the write: a client may read the answers (and ask for
    // stats) before the write's await returns.
    private async ValueTask WriteAsync(DecodeResponse response)
    {
        int n = 0;
        long ns = 0;
        ulong last = 0;
        foreach (var c in response.Corrections)
        {
            if (!c.Partial)
            {
                n++;
                ns += (long)c.DecoderNs;
                last = c.ShotId;
            }
        }
        _metrics.AddBacklog(-n);
        if (_writeFailure is null)
        {
            try
            {
                await _responses.WriteAsync(response).ConfigureAwait(false);
                if (n > 0)
                {
                    _decoder!.Answered(n, ns);
                    _answered += n;
                    _lastAnswered = last;
                }
            }
            catch (Exception e)
            {
                _writeFailure = e;
            }
        }
    }

    private void Finish(StreamEnd end)
    {
        if (_decoder is null)
        {
            return;
        }
        var session = _decoder.Session;
        _decoder.Reset();
        _decoder.Dispose(); // stops the call's decoder thread, if it has one
        session.Detach();
        if (end != StreamEnd.Completed)
        {
            // The client is gone or the server stops: nobody will receive this session's answers any more.
            _sessions.Close(session);
        }
    }

    // The call's final status: null for OK or when the client is gone (nobody to tell).
    private RpcException? StatusOf(StreamEnd end, Exception? failure)
    {
        switch (end)
        {
            case StreamEnd.ClientGone:
                return null;
            case StreamEnd.ServerStopping:
                string last = _answered > 0 ? $"; the last was shot {_lastAnswered}" : "";
                return new RpcException(new Status(StatusCode.Unavailable,
                    $"server shutting down: every shot read on this stream was answered ({_answered}{last}); send the rest elsewhere"));
        }
        return failure switch
        {
            null => null,
            QecServerException q => q.ToRpcException(),
            RpcException r => r,
            _ => new RpcException(new Status(StatusCode.Internal, failure.Message)),
        };
    }

    private enum StreamEnd
    {
        Completed,
        ClientGone,
        ServerStopping,
    }
}

using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Server.Protocol;
using Qec.Server.Sessions;

namespace Qec.Server.Load;

/// <summary>
/// One simulated controller on the gRPC path: its own channel (one HTTP/2 connection), a session,
/// and a Decode stream (or Diagnostics.Echo for the baseline, with the very same messages). The
/// request messages are built once from the shot pool and replayed. In lockstep
/// (<see cref="LoadSettings.IsLockstep"/>) it writes, then reads the answer; otherwise a sender task and a
/// receiver task share a window. In stream round mode a message is one shot sent as its rounds, one
/// request per round, and its latency runs from writing the last round.
/// </summary>
internal sealed class GrpcStreamDriver(LoadTarget target, LoadSettings settings, ShotPool pool)
{
    private readonly int _k = settings.ShotsPerMessage;
    private readonly ShotRounds? _rounds = settings.RoundMode == SessionMode.Stream ? new ShotRounds(settings.Rounds!) : null;
    private readonly MessagePlan _plan = new(settings);
    private DecodeRequest[] _messages = [];
    private string _sessionId = "";

    public async Task<StreamRecord> RunAsync()
    {
        using var channel = target.Transport == LoadTransport.Grpc
            ? QecGrpcChannels.Create(target.GrpcAddress, certificateCheck: target.GrpcAddress?.Scheme == "https" ? (_, _, _, _) => true : null)
            : QecGrpcChannels.Create(null, target.UnixSocket);
        var invoker = QecGrpcChannels.WithToken(channel, target.Token);
        var client = new Protocol.Decoder.DecoderClient(invoker);
        string sessionId = "";
        if (!settings.Echo)
        {
            var request = new CreateSessionRequest
            {
                Decoder = settings.Decoder,
                RoundMode = _rounds is null ? RoundMode.Assemble : RoundMode.Stream,
                EarlyCorrections = settings.EarlyCorrections,
            };
            if (settings.BuiltInModel is not null)
            {
                request.BuiltIn = settings.BuiltInModel;
            }
            else
            {
                request.DemText = settings.DemText;
            }
            foreach (var (key, value) in settings.Options)
            {
                request.Options[key] = value;
            }
            var session = await client.CreateSessionAsync(request);
            LoadGenerator.CheckLayout((int)session.DetectorBytes, (int)session.ObservableBytes, pool);
            LoadGenerator.CheckRounds((int)session.NumRounds, _rounds);
            sessionId = session.SessionId;
        }
        _sessionId = sessionId;
        BuildMessages(sessionId);
        var record = new StreamRecord(_plan.ExpectedMessages, _k);
        if (settings.Echo)
        {
            using var call = new Diagnostics.DiagnosticsClient(invoker).Echo();
            await RunCallAsync(call.RequestStream, call.ResponseStream, (_, m, _) => _k, _plan, record);
        }
        else
        {
            using var call = client.Decode();
            await RunCallAsync(call.RequestStream, call.ResponseStream, Account, _plan, record);
            await client.CloseSessionAsync(new CloseSessionRequest { SessionId = sessionId });
        }
        return record;
    }

    // Each message carries k shots; the ids are the pool indices (the server does not interpret them).
    // Stream round mode builds its round requests as it sends them.
    private void BuildMessages(string sessionId)
    {
        if (_rounds is not null)
        {
            return;
        }
        int db = pool.DetectorBytes;
        _messages = new DecodeRequest[pool.Count / _k];
        for (int i = 0; i < _messages.Length; i++)
        {
            var message = new DecodeRequest { SessionId = sessionId };
            for (int j = 0; j < _k; j++)
            {
                int s = (i * _k) + j;
                message.Shots.Add(new Shot { ShotId = (ulong)s, DetectionEvents = ByteString.CopyFrom(pool.DetectionEvents, s * db, db) });
            }
            _messages[i] = message;
        }
    }

    // Stream round mode: writes every round of message m's shot but the last, one request each.
    private async Task WriteLeadingRoundsAsync(IClientStreamWriter<DecodeRequest> requests, long m)
    {
        for (int r = 0; _rounds is not null && r < _rounds.Count - 1; r++)
        {
            await requests.WriteAsync(RoundRequest(m, r)).ConfigureAwait(false);
        }
    }

    // The request whose answer ends message m: the whole message, or the final round of its shot.
    private DecodeRequest LastRequest(long m) => _rounds is null ? _messages[m % _messages.Length] : RoundRequest(m, _rounds.Count - 1);

    private DecodeRequest RoundRequest(long m, int r)
    {
        var round = new Round
        {
            Index = (uint)r,
            FirstDetector = _rounds!.First(r),
            NumDetectors = _rounds.Size(r),
            DetectionEvents = ByteString.CopyFrom(_rounds.Slice(pool.Shot(m), r)),
            Final = r == _rounds.Count - 1,
        };
        return new DecodeRequest { SessionId = _sessionId, Shots = { new Shot { ShotId = (ulong)(m % pool.Count), Round = round } } };
    }

    // Counts a response's final corrections, the first of them answering run shot firstShot (corrections
    // may span messages when the server merges answers); records decoder times, logical errors and early
    // (partial) corrections of measured shots.
    private int Account(DecodeResponse response, long firstShot, StreamRecord record)
    {
        int finals = 0;
        foreach (var c in response.Corrections)
        {
            bool measured = _plan.IsMeasured((firstShot + finals) / _k);
            if (c.Partial)
            {
                record.EarlyCorrections += measured ? 1 : 0;
                continue;
            }
            if (measured)
            {
                record.Decoder((long)c.DecoderNs);
                record.LogicalErrors += pool.Mismatches(firstShot + finals, 1, c.ObservableFlips.Span);
            }
            finals++;
        }
        return finals;
    }

    private async Task RunCallAsync<TResponse>(IClientStreamWriter<DecodeRequest> requests, IAsyncStreamReader<TResponse> responses,
        Func<TResponse, long, StreamRecord, int> account, MessagePlan plan, StreamRecord record)
    {
        if (settings.IsLockstep)
        {
            for (long m = 0; plan.ShouldSend(m, record); m++)
            {
                await WriteLeadingRoundsAsync(requests, m).ConfigureAwait(false);
                long t0 = Stopwatch.GetTimestamp();
                await requests.WriteAsync(LastRequest(m)).ConfigureAwait(false);
                for (int got = 0; got < _k;)
                {
                    if (!await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
                    {
                        throw new IOException($"the server ended the stream before answering message {m}");
                    }
                    got += account(responses.Current, (m * _k) + got, record);
                }
                Measured(m, t0, plan, record);
            }
            record.EndTimestamp = Stopwatch.GetTimestamp();
            await requests.CompleteAsync().ConfigureAwait(false);
            while (await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
            }
        }
        else
        {
            await PipelinedAsync(requests, responses, account, plan, record).ConfigureAwait(false);
        }
    }

    private async Task PipelinedAsync<TResponse>(IClientStreamWriter<DecodeRequest> requests, IAsyncStreamReader<TResponse> responses,
        Func<TResponse, long, StreamRecord, int> account, MessagePlan plan, StreamRecord record)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)settings.InFlight);
        var sendTimes = new long[size];
        using var window = new SemaphoreSlim(settings.InFlight, settings.InFlight);
        long sent = 0;
        var pacer = new Pacer(settings.RatePerStream, _k);
        // A dedicated thread paces (spinning on a pool thread would starve the pool of a 2-core
        // machine) and waits for each write; the writes themselves complete on the pool.
        var sender = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                pacer.Start();
                for (long m = 0; plan.ShouldSend(m, record); m++)
                {
                    window.Wait();
                    long due = pacer.WaitFor(m);
                    WriteLeadingRoundsAsync(requests, m).GetAwaiter().GetResult();
                    Volatile.Write(ref sendTimes[m & (size - 1)], _rounds is null ? due : Stopwatch.GetTimestamp());
                    Volatile.Write(ref sent, m + 1);
                    requests.WriteAsync(LastRequest(m)).GetAwaiter().GetResult();
                }
                requests.CompleteAsync().GetAwaiter().GetResult(); // the server answers the rest, then ends the stream
                sender.SetResult();
            }
            catch (Exception e)
            {
                sender.SetException(e);
            }
        }) { IsBackground = true, Name = "qecd load sender" };
        thread.Start();
        long shots = 0; // shots answered so far; message m is complete at (m + 1)·k
        long next = 0;
        while (await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            shots += account(responses.Current, shots, record);
            while (next < Volatile.Read(ref sent) && shots >= (next + 1) * _k)
            {
                Measured(next, Volatile.Read(ref sendTimes[next & (size - 1)]), plan, record);
                window.Release();
                next++;
            }
        }
        await sender.Task.ConfigureAwait(false);
        record.EndTimestamp = Stopwatch.GetTimestamp();
    }

    private void Measured(long m, long sentAt, MessagePlan plan, StreamRecord record)
    {
        if (!plan.IsMeasured(m))
        {
            return;
        }
        if (plan.IsFirstMeasured(m))
        {
            record.StartTimestamp = sentAt;
        }
        record.Latency(Stopwatch.GetTimestamp() - sentAt);
        record.Shots += _k;
        record.Rounds += _rounds?.Count ?? 0;
    }
}

using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Qec.Server.Client;
using Qec.Server.Protocol;

namespace Qec.Server.Load;

/// <summary>
/// One simulated controller on the gRPC path: its own channel (one HTTP/2 connection), a session,
/// and a Decode stream (or Diagnostics.Echo for the baseline, with the very same messages). The
/// request messages are built once from the shot pool and replayed. With one message in flight and
/// no rate it runs in lockstep (write, then read the answer); otherwise a sender task and a
/// receiver task share a window.
/// </summary>
internal sealed class GrpcStreamDriver(LoadTarget target, LoadSettings settings, ShotPool pool)
{
    private readonly int _k = settings.ShotsPerMessage;
    private DecodeRequest[] _messages = [];

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
            var request = new CreateSessionRequest { Decoder = settings.Decoder };
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
            sessionId = session.SessionId;
        }
        BuildMessages(sessionId);
        var plan = new MessagePlan(settings);
        var record = new StreamRecord(plan.ExpectedMessages, _k);
        if (settings.Echo)
        {
            using var call = new Diagnostics.DiagnosticsClient(invoker).Echo();
            await RunCallAsync(call.RequestStream, call.ResponseStream, (_, m, _) => _k, plan, record);
        }
        else
        {
            using var call = client.Decode();
            await RunCallAsync(call.RequestStream, call.ResponseStream, Account, plan, record);
            await client.CloseSessionAsync(new CloseSessionRequest { SessionId = sessionId });
        }
        return record;
    }

    // Each message carries k shots; the ids are the pool indices (the server does not interpret them).
    private void BuildMessages(string sessionId)
    {
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

    // Counts a response's corrections against message m (corrections may span messages when the
    // server merges answers); records decoder times and logical errors of measured shots.
    private int Account(DecodeResponse response, long firstShot, StreamRecord? record)
    {
        if (record is not null)
        {
            for (int j = 0; j < response.Corrections.Count; j++)
            {
                var c = response.Corrections[j];
                record.Decoder((long)c.DecoderNs);
                record.LogicalErrors += pool.Mismatches(firstShot + j, 1, c.ObservableFlips.Span);
            }
        }
        return response.Corrections.Count;
    }

    private async Task RunCallAsync<TResponse>(IClientStreamWriter<DecodeRequest> requests, IAsyncStreamReader<TResponse> responses,
        Func<TResponse, long, StreamRecord?, int> account, MessagePlan plan, StreamRecord record)
    {
        if (settings.InFlight == 1 && settings.RatePerStream == 0)
        {
            for (long m = 0; plan.ShouldSend(m, record); m++)
            {
                long t0 = Stopwatch.GetTimestamp();
                await requests.WriteAsync(_messages[m % _messages.Length]).ConfigureAwait(false);
                for (int got = 0; got < _k;)
                {
                    if (!await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
                    {
                        throw new IOException($"the server ended the stream before answering message {m}");
                    }
                    got += account(responses.Current, (m * _k) + got, plan.IsMeasured(m) ? record : null);
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
        Func<TResponse, long, StreamRecord?, int> account, MessagePlan plan, StreamRecord record)
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
                    Volatile.Write(ref sendTimes[m & (size - 1)], pacer.WaitFor(m));
                    Volatile.Write(ref sent, m + 1);
                    requests.WriteAsync(_messages[m % _messages.Length]).GetAwaiter().GetResult();
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
            shots += account(responses.Current, shots, plan.IsMeasured(next) ? record : null);
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
    }
}

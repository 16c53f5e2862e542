using System.Diagnostics;
using Qec.Server.Client;
using Qec.Server.Raw;
using Qec.Server.Sessions;

namespace Qec.Server.Load;

/// <summary>
/// One simulated controller on the raw path: a blocking client; in lockstep
/// (<see cref="LoadSettings.IsLockstep"/>) it runs on one thread (send, flush, receive: the latency headline), otherwise a
/// sender thread and this receiving thread share a window of in-flight messages. In stream round mode
/// a message is one shot sent as its ROUND frames, each flushed on its own, and its latency runs from
/// sending the last round; COMMITTED frames before the CORRECTION are counted as early corrections.
/// </summary>
internal sealed class RawStreamDriver(LoadTarget target, LoadSettings settings, ShotPool pool)
{
    private readonly int _k = settings.ShotsPerMessage;
    private readonly ShotRounds? _rounds = settings.RoundMode == SessionMode.Stream ? new ShotRounds(settings.Rounds!) : null;
    private byte[]? _echo;

    public StreamRecord Run()
    {
        using var client = target.Transport == LoadTransport.Raw
            ? RawDecoderClient.ConnectTcp(target.RawEndPoint!, target.Token)
            : RawDecoderClient.ConnectUnix(target.UnixSocket!, target.Token);
        client.SpinMicros = settings.SpinMicros;
        if (!settings.Echo)
        {
            var session = client.Open(settings.DemText, settings.BuiltInModel, settings.Decoder, settings.Options,
                stream: _rounds is not null, earlyCorrections: settings.EarlyCorrections);
            LoadGenerator.CheckLayout(session.DetectorBytes, session.ObservableBytes, pool);
            LoadGenerator.CheckRounds(session.NumRounds, _rounds);
        }
        var plan = new MessagePlan(settings);
        var record = new StreamRecord(plan.ExpectedMessages, _k);
        if (settings.IsLockstep)
        {
            Lockstep(client, plan, record);
        }
        else
        {
            Pipelined(client, plan, record);
        }
        if (!settings.Echo)
        {
            client.CloseSession();
        }
        return record;
    }

    private void Lockstep(RawDecoderClient client, MessagePlan plan, StreamRecord record)
    {
        var sendTime = new long[1];
        for (long m = 0; plan.ShouldSend(m, record); m++)
        {
            SendLeadingRounds(client, m);
            sendTime[0] = Stopwatch.GetTimestamp();
            Send(client, m);
            client.Flush();
            Receive(client, m, sendTime, 0, plan, record);
        }
        record.EndTimestamp = Stopwatch.GetTimestamp();
    }

    // The sender thread paces and sends within the window, then an empty ECHO as a fence; this
    // thread blocks in receive and stops at the fence's reply (answers come in order, so every
    // answer is in by then). Never polls: a receiver that slept would add its sleep to the latency.
    private void Pipelined(RawDecoderClient client, MessagePlan plan, StreamRecord record)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)settings.InFlight);
        var sendTimes = new long[size];
        using var window = new SemaphoreSlim(settings.InFlight, settings.InFlight);
        var pacer = new Pacer(settings.RatePerStream, _k);
        Exception? sendFailure = null;
        var sender = new Thread(() =>
        {
            try
            {
                pacer.Start();
                for (long m = 0; plan.ShouldSend(m, record); m++)
                {
                    window.Wait();
                    long due = pacer.WaitFor(m);
                    SendLeadingRounds(client, m);
                    Volatile.Write(ref sendTimes[m & (size - 1)], _rounds is null ? due : Stopwatch.GetTimestamp());
                    Send(client, m);
                    client.Flush();
                }
                client.SendEcho([]);
                client.Flush();
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                sendFailure = e;
            }
        }) { IsBackground = true, Name = "qecd load sender" };
        sender.Start();
        for (long m = 0; ; m++)
        {
            if (Receive(client, m, sendTimes, size - 1, plan, record))
            {
                break;
            }
            window.Release();
        }
        sender.Join();
        record.EndTimestamp = Stopwatch.GetTimestamp();
        if (sendFailure is not null)
        {
            throw new IOException($"sending failed: {sendFailure.Message}", sendFailure);
        }
    }

    // Stream round mode: sends every round of message m's shot but the last, each flushed on its own.
    private void SendLeadingRounds(RawDecoderClient client, long m)
    {
        for (int r = 0; _rounds is not null && r < _rounds.Count - 1; r++)
        {
            SendRound(client, m, r);
            client.Flush();
        }
    }

    private void SendRound(RawDecoderClient client, long m, int r) =>
        client.SendRound((ulong)(m % pool.Count), (uint)r, _rounds!.First(r), _rounds.Size(r), _rounds.Slice(pool.Shot(m), r), final: r == _rounds.Count - 1);

    // Buffers the frame whose answer ends message m: SHOT(S), its ECHO stand-in, or the final ROUND.
    private void Send(RawDecoderClient client, long m)
    {
        long first = m * _k;
        int db = pool.DetectorBytes;
        if (_rounds is not null)
        {
            SendRound(client, m, _rounds.Count - 1);
        }
        else if (settings.Echo)
        {
            // Same bytes as the SHOT(S) frame it stands for.
            int header = _k == 1 ? RawProtocol.ShotEventsOffset : RawProtocol.ShotsEventsOffset;
            client.SendEcho(_echo ??= new byte[header + (_k * db)]);
        }
        else if (_k == 1)
        {
            client.SendShot((ulong)first, pool.Shot(first));
        }
        else
        {
            client.SendShots((ulong)first, _k, pool.DetectionEvents.AsSpan((int)(first % pool.Count) * db, _k * db));
        }
    }

    // Reads the answer to message m (sent at sendTimes[m & mask], read only once the answer is
    // in), counting the COMMITTED frames before it; returns true instead when it is the sender's fence.
    private bool Receive(RawDecoderClient client, long m, long[] sendTimes, int mask, MessagePlan plan, StreamRecord record)
    {
        var reply = client.Receive();
        while (reply.Type == RawFrameType.Committed)
        {
            record.EarlyCorrections += plan.IsMeasured(m) ? 1 : 0;
            reply = client.Receive();
        }
        long now = Stopwatch.GetTimestamp();
        if (reply.Type == RawFrameType.EchoReply && reply.Payload.Length == 0)
        {
            return true;
        }
        if (!plan.IsMeasured(m))
        {
            return false;
        }
        long sent = Volatile.Read(ref sendTimes[m & mask]);
        if (plan.IsFirstMeasured(m))
        {
            record.StartTimestamp = sent;
        }
        record.Latency(now - sent);
        record.Shots += _k;
        record.Rounds += _rounds?.Count ?? 0;
        if (settings.Echo)
        {
            return false;
        }
        if (reply.Type is not (RawFrameType.Correction or RawFrameType.Corrections) || reply.Count != _k)
        {
            throw new IOException($"expected the answer to message {m} ({_k} shots), got {reply.Type} with {reply.Count} shots");
        }
        long ns = reply.DecoderNs;
        for (int j = 0; j < _k; j++)
        {
            record.Decoder(ns / _k);
        }
        record.LogicalErrors += pool.Mismatches(m * _k, _k, reply.Flips(pool.ObservableBytes));
        return false;
    }
}

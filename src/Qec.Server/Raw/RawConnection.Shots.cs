using System.Buffers.Binary;
using Grpc.Core;
using Qec.Core.Decoding;
using Qec.Server.Decoding;
using Qec.Server.Sessions;

namespace Qec.Server.Raw;

/// <summary>The shot frames of a raw connection: SHOT, SHOTS and ROUND, decoded inline into the output buffer.</summary>
internal sealed partial class RawConnection
{
    private void Shot(ReadOnlySpan<byte> p)
    {
        var decoder = RequireSession();
        var session = decoder.Session;
        if (p.Length < RawProtocol.ShotEventsOffset)
        {
            throw new RawFrameException(StatusCode.InvalidArgument, $"SHOT payload of {p.Length} bytes has no room for its 8-byte shot id");
        }
        ulong shotId = BinaryPrimitives.ReadUInt64LittleEndian(p);
        var events = p[RawProtocol.ShotEventsOffset..];
        decoder.BeginWholeShot(shotId);
        ShotChecks.CheckWholeShot(events, session.NumDetectors, shotId);
        DecodeOne(decoder, shotId, events);
    }

    private void Shots(ReadOnlySpan<byte> p)
    {
        var decoder = RequireSession();
        var session = decoder.Session;
        if (p.Length < RawProtocol.ShotsEventsOffset)
        {
            throw new RawFrameException(StatusCode.InvalidArgument, $"SHOTS payload of {p.Length} bytes is shorter than its 16-byte header");
        }
        ulong first = BinaryPrimitives.ReadUInt64LittleEndian(p);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.ShotsCountOffset..]);
        decoder.BeginWholeShot(first);
        int db = session.DetectorBytes, ob = session.ObservableBytes;
        var events = p[RawProtocol.ShotsEventsOffset..];
        if ((ulong)events.Length != (ulong)count * (ulong)db)
        {
            throw QecServerException.Invalid(
                $"SHOTS from shot {first}: {events.Length} bytes of detection events for {count} shots, expected {count} x {db} = {(ulong)count * (ulong)db}");
        }
        for (int s = 0; s < count; s++)
        {
            ShotChecks.CheckPadding(events.Slice(s * db, db), session.NumDetectors, first + (ulong)s, 0);
        }
        Received(session, (int)count);
        bool soft = session.SoftOutput;
        int mark = _out.Length;
        var payload = _out.BeginCorrections(first, (int)count, ob, soft);
        var flips = payload[RawProtocol.CorrectionsFlipsOffset..];
        long total = 0;
        try
        {
            if (decoder.DecodesRuns)
            {
                // A GPU decoder: the frame's shots in one batch call (soft output never comes here).
                total = decoder.DecodeRun(first, events, flips[..((int)count * ob)], (int)count);
            }
            else
            {
                for (int s = 0; s < count; s++)
                {
                    total += decoder.Decode(first + (ulong)s, events.Slice(s * db, db), flips.Slice(s * ob, ob), out var info);
                    if (soft)
                    {
                        RawFrameWriter.SetSoft(flips.Slice((int)count * ob + s * 16), info.Weight, info.SoftOutput);
                    }
                }
            }
        }
        catch (QecServerException)
        {
            Unanswered(mark, (int)count);
            throw;
        }
        BinaryPrimitives.WriteUInt64LittleEndian(payload[RawProtocol.CorrectionsNsOffset..], (ulong)total);
        Pending((int)count, total);
    }

    private void Round(ReadOnlySpan<byte> p, bool final)
    {
        var decoder = RequireSession();
        if (p.Length < RawProtocol.RoundEventsOffset)
        {
            throw new RawFrameException(StatusCode.InvalidArgument, $"ROUND payload of {p.Length} bytes is shorter than its 20-byte header");
        }
        ulong shotId = BinaryPrimitives.ReadUInt64LittleEndian(p);
        uint round = BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.RoundIndexOffset..]);
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.RoundFirstOffset..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(p[RawProtocol.RoundCountOffset..]);
        var events = p[RawProtocol.RoundEventsOffset..];
        if (decoder.IsStream)
        {
            PushRound(decoder, shotId, round, first, count, events, final);
        }
        else if (decoder.Assembler!.Add(shotId, round, first, count, events, final))
        {
            DecodeOne(decoder, shotId, decoder.Assembler.Shot);
        }
    }

    // Stream mode: one round; a COMMITTED frame when a window committed and the session asked for
    // early corrections, the CORRECTION after the last round (the shot counts as read then, as an
    // assembled shot does at its FINAL part). Soft output is not available: NaN when asked for.
    private void PushRound(ShotDecoder decoder, ulong shotId, uint round, uint first, uint count, ReadOnlySpan<byte> events, bool final)
    {
        var session = decoder.Session;
        var outcome = decoder.PushRound(shotId, round, first, count, events, final);
        var rounds = decoder.Rounds!;
        if ((outcome & RoundOutcome.Committed) != 0 && session.EarlyCorrections)
        {
            _out.WriteCommitted(shotId, rounds.CommittedRounds, rounds.CommittedFlips);
        }
        if ((outcome & RoundOutcome.Final) != 0)
        {
            Received(session, 1);
            bool soft = session.SoftOutput;
            int ob = session.ObservableBytes;
            var payload = _out.BeginCorrection(shotId, ob, soft);
            rounds.FinalFlips.CopyTo(payload.Slice(RawProtocol.CorrectionFlipsOffset, ob));
            long ns = rounds.ShotNs;
            BinaryPrimitives.WriteUInt32LittleEndian(payload[RawProtocol.CorrectionNsOffset..], (uint)Math.Min(ns, uint.MaxValue));
            if (soft)
            {
                RawFrameWriter.SetSoft(payload[(RawProtocol.CorrectionFlipsOffset + ob)..], double.NaN, double.NaN);
            }
            Pending(1, ns);
        }
    }

    private void DecodeOne(ShotDecoder decoder, ulong shotId, ReadOnlySpan<byte> events)
    {
        var session = decoder.Session;
        Received(session, 1);
        bool soft = session.SoftOutput;
        int ob = session.ObservableBytes;
        int mark = _out.Length;
        var payload = _out.BeginCorrection(shotId, ob, soft);
        long ns;
        DecodeInfo info;
        try
        {
            ns = decoder.Decode(shotId, events, payload.Slice(RawProtocol.CorrectionFlipsOffset, ob), out info);
        }
        catch (QecServerException)
        {
            Unanswered(mark, 1);
            throw;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(payload[RawProtocol.CorrectionNsOffset..], (uint)Math.Min(ns, uint.MaxValue));
        if (soft)
        {
            RawFrameWriter.SetSoft(payload[(RawProtocol.CorrectionFlipsOffset + ob)..], info.Weight, info.SoftOutput);
        }
        Pending(1, ns);
    }

    // Shots read and about to be decoded: counted before decoding, so stats and the backlog
    // gauge see them while they are in progress.
    private void Received(DecoderSession session, int shots)
    {
        session.AddReceived(shots);
        _metrics.AddBacklog(shots);
    }

    // A decode failed (the server's fault, INTERNAL): the answer frame begun at `mark` is dropped so
    // that only the ERROR follows the answers before it, and its shots leave the backlog.
    private void Unanswered(int mark, int shots)
    {
        _out.Truncate(mark);
        _metrics.AddBacklog(-shots);
    }

    // Shots decoded whose answers wait in the output buffer for the next send.
    private void Pending(int shots, long ns)
    {
        _pendingShots += shots;
        _pendingNs += ns;
    }
}

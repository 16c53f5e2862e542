using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Qec.Server.Decoding;
using Qec.Server.Hosting;
using Qec.Server.Metrics;
using Qec.Server.Protocol;
using Qec.Server.Sessions;

namespace Qec.Server.Grpc;

/// <summary>
/// The <c>qec.v1.Decoder</c> service: a thin layer that maps messages to the session registry and
/// errors to one gRPC status each. The real-time stream lives in <see cref="GrpcDecodeStream"/>.
/// </summary>
internal sealed class DecoderGrpcService(SessionRegistry sessions, ServerMetrics metrics, QecServerOptions options, IHostApplicationLifetime lifetime)
    : Protocol.Decoder.DecoderBase
{
    public override Task<CreateSessionResponse> CreateSession(CreateSessionRequest request, ServerCallContext context) => Unary(() =>
    {
        var spec = new SessionRequest(
            request.ModelCase == CreateSessionRequest.ModelOneofCase.DemText ? request.DemText : null,
            request.ModelCase == CreateSessionRequest.ModelOneofCase.BuiltIn ? request.BuiltIn : null,
            request.Decoder, request.Options, request.SoftOutput, ModeOf(request.RoundMode), request.EarlyCorrections,
            request.ModelCase == CreateSessionRequest.ModelOneofCase.CircuitText ? request.CircuitText : null);
        var session = sessions.Create(spec, connectionScoped: false, out bool reused);
        return new CreateSessionResponse
        {
            SessionId = session.Id,
            NumDetectors = (uint)session.NumDetectors,
            NumObservables = (uint)session.NumObservables,
            DetectorBytes = (uint)session.DetectorBytes,
            ObservableBytes = (uint)session.ObservableBytes,
            ModelHash = session.ModelHash,
            ReusedCompiledDecoder = reused,
            NumRounds = (uint)session.NumRounds,
            WindowRounds = (uint)session.WindowRounds,
            CommitRounds = (uint)session.CommitRounds,
            Note = session.Note ?? "",
        };
    });

    public override Task<CloseSessionResponse> CloseSession(CloseSessionRequest request, ServerCallContext context) => Unary(() =>
    {
        var session = sessions.Get(request.SessionId);
        sessions.Close(session);
        return new CloseSessionResponse { ShotsDecoded = (ulong)session.ShotsDecoded };
    });

    public override Task Decode(IAsyncStreamReader<DecodeRequest> requestStream, IServerStreamWriter<DecodeResponse> responseStream, ServerCallContext context) =>
        new GrpcDecodeStream(sessions, metrics, options.StreamQueueCapacity, options.GrpcDecoderThread, requestStream, responseStream, context, lifetime.ApplicationStopping).RunAsync();

    public override Task<DecodeBatchResponse> DecodeBatch(DecodeBatchRequest request, ServerCallContext context) => Unary(() =>
    {
        var session = sessions.Get(request.SessionId);
        int shots = checked((int)request.NumShots);
        int db = session.DetectorBytes, ob = session.ObservableBytes;
        var events = request.DetectionEvents.Span;
        if (events.Length != (long)shots * db)
        {
            throw QecServerException.Invalid(
                $"batch of {shots} shots: {events.Length} bytes of detection events, expected {shots} x {db} = {(long)shots * db}");
        }
        for (int s = 0; s < shots; s++)
        {
            ShotChecks.CheckPadding(events.Slice(s * db, db), session.NumDetectors, (ulong)s, 0);
        }
        session.AddReceived(shots);
        var flips = new byte[shots * ob];
        var response = new DecodeBatchResponse();
        long start = Stopwatch.GetTimestamp();
        if (session.Mode == SessionMode.Stream)
        {
            DecodeBatchStreaming(session, events, flips, shots);
        }
        else
        {
            DecodeBatchWhole(session, events, flips, shots, response);
        }
        long ns = ShotDecoder.ElapsedNs(start);
        session.AddDecoded(shots, ns);
        metrics.ShotsDecoded(IngestPath.Batch, shots);
        response.ObservableFlips = UnsafeByteOperations.UnsafeWrap(flips);
        response.DecoderNs = (ulong)ns;
        return response;
    });

    private static void DecodeBatchWhole(DecoderSession session, ReadOnlySpan<byte> events, byte[] flips, int shots, DecodeBatchResponse response)
    {
        int db = session.DetectorBytes, ob = session.ObservableBytes;
        var decoder = session.Rent();
        try
        {
            if (session.SoftOutput)
            {
                for (int s = 0; s < shots; s++)
                {
                    var info = decoder.DecodeDetailed(events.Slice(s * db, db), flips.AsSpan(s * ob, ob));
                    response.SoftOutput.Add(info.SoftOutput);
                }
            }
            else
            {
                // The whole request in one batch call: a decoder that prefers batches (GPU) runs it there.
                ShotDecoder.DecodeBatch(decoder, 0, events, flips, shots);
            }
        }
        finally
        {
            session.Return(decoder);
        }
    }

    // Stream mode: each shot's rounds go through a pooled streaming decoder (no soft output).
    private static void DecodeBatchStreaming(DecoderSession session, ReadOnlySpan<byte> events, byte[] flips, int shots)
    {
        int db = session.DetectorBytes, ob = session.ObservableBytes;
        var layout = session.Layout!;
        var round = new byte[(layout.MaxRoundSize + 7) >> 3];
        var committed = new byte[ob];
        var decoder = session.RentStreaming();
        int s = 0;
        try
        {
            for (; s < shots; s++)
            {
                RoundStream.DecodeWhole(decoder, layout, events.Slice(s * db, db), round, committed, flips.AsSpan(s * ob, ob));
            }
            session.ReturnStreaming(decoder);
        }
        catch (Exception e) when (e is not (QecServerException or OutOfMemoryException))
        {
            // The shots were checked: a decoder failure is the server's fault; the instance is dropped.
            throw new QecServerException(StatusCode.Internal, $"batch shot {s}: the streaming decoder failed: {e.Message}");
        }
    }

    // The proto's round mode as the server's; an unknown value passes through for the registry to refuse.
    private static SessionMode ModeOf(RoundMode mode) => mode switch
    {
        RoundMode.Assemble => SessionMode.Assemble,
        RoundMode.Stream => SessionMode.Stream,
        _ => (SessionMode)(int)mode,
    };

    public override Task<ListDecodersResponse> ListDecoders(ListDecodersRequest request, ServerCallContext context) => Unary(() =>
    {
        var response = new ListDecodersResponse();
        foreach (var f in sessions.Decoders.Factories)
        {
            response.Decoders.Add(new DecoderInfo { Name = f.Name, Description = f.Description });
        }
        response.BuiltInModels.Add(sessions.Models.Names);
        return response;
    });

    public override Task<GetStatsResponse> GetStats(GetStatsRequest request, ServerCallContext context) => Unary(() =>
    {
        var response = new GetStatsResponse
        {
            OpenSessions = (uint)sessions.Count,
            SessionsCreated = (ulong)metrics.SessionsCreated,
            SessionsClosed = (ulong)metrics.SessionsClosed,
            OpenStreams = (uint)metrics.OpenStreams,
            CompiledDecoders = (uint)sessions.CompiledDecoders,
            ShotsDecodedGrpc = (ulong)metrics.ShotsDecodedGrpc,
            ShotsDecodedRaw = (ulong)metrics.ShotsDecodedRaw,
            BacklogShots = (ulong)Math.Max(0, metrics.Backlog),
        };
        foreach (var (status, count) in metrics.Errors)
        {
            response.Errors[status] = (ulong)count;
        }
        var listed = string.IsNullOrEmpty(request.SessionId) ? sessions.Snapshot() : [sessions.Get(request.SessionId)];
        foreach (var s in listed)
        {
            response.Sessions.Add(new SessionStats
            {
                SessionId = s.Id,
                Decoder = s.DecoderName,
                ModelHash = s.ModelHash,
                ShotsReceived = (ulong)s.ShotsReceived,
                ShotsDecoded = (ulong)s.ShotsDecoded,
                DecoderNs = (ulong)s.DecoderNs,
                Attached = s.IsAttached,
                RoundMode = s.Mode == SessionMode.Stream ? RoundMode.Stream : RoundMode.Assemble,
                EarlyCorrections = s.EarlyCorrections,
            });
        }
        return response;
    });

    // Runs a unary body; a refused request becomes its gRPC status and is counted.
    private Task<T> Unary<T>(Func<T> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (QecServerException e)
        {
            metrics.Error(IngestPath.Grpc, e.Code);
            throw e.ToRpcException();
        }
        catch (OverflowException)
        {
            metrics.Error(IngestPath.Grpc, StatusCode.InvalidArgument);
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a count in the request is too large"));
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Qec.Server.Hosting;
using Qec.Server.Metrics;

namespace Qec.Server.Grpc;

/// <summary>
/// When the server has a bearer token, every call except the health service must carry
/// <c>authorization: Bearer &lt;token&gt;</c>; others end UNAUTHENTICATED before any handler runs.
/// The comparison takes the same time wherever the tokens differ.
/// </summary>
internal sealed class BearerTokenInterceptor(QecServerOptions options, ServerMetrics metrics) : Interceptor
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    /// <summary>True when <paramref name="presented"/> equals the token (constant time in the content).</summary>
    internal static bool Matches(string expected, ReadOnlySpan<byte> presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), presented);

    private void Check(ServerCallContext context)
    {
        if (options.BearerToken is not { } token || context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            return;
        }
        string? header = context.RequestHeaders.GetValue("authorization");
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            || !Matches(token, Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())))
        {
            metrics.Error(IngestPath.Grpc, StatusCode.Unauthenticated);
            string why = header is null ? "no authorization header" : "the bearer token does not match";
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"{why}: send 'authorization: Bearer <token>'"));
        }
    }
}

using System.Net.Security;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Qec.Server.Client;

/// <summary>
/// Channels to a qecd gRPC endpoint over TCP (h2c or TLS) or a Unix socket, with the bearer token
/// added to every call when given. Each channel owns one HTTP/2 connection pool.
/// </summary>
public static class QecGrpcChannels
{
    /// <summary>
    /// A channel to <paramref name="address"/> (http:// or https://), or to the Unix socket
    /// <paramref name="unixSocket"/> when that is given.
    /// </summary>
    /// <param name="address">Server address; ignored (may be null) with a Unix socket.</param>
    /// <param name="unixSocket">Path of the server's Unix socket, or null.</param>
    /// <param name="certificateCheck">TLS server-certificate check; null: the system's.</param>
    public static GrpcChannel Create(Uri? address, string? unixSocket = null, RemoteCertificateValidationCallback? certificateCheck = null)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (certificateCheck is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = certificateCheck };
        }
        if (unixSocket is not null)
        {
            var endPoint = new UnixDomainSocketEndPoint(unixSocket);
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            address = new Uri("http://localhost");
        }
        return GrpcChannel.ForAddress(address ?? throw new ArgumentNullException(nameof(address)), new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 64 << 20,
            MaxSendMessageSize = null,
        });
    }

    /// <summary>A call invoker that adds <c>authorization: Bearer token</c> when <paramref name="token"/> is set.</summary>
    public static CallInvoker WithToken(GrpcChannel channel, string? token) => token is null
        ? channel.CreateCallInvoker()
        : channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        });
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qec.Server.Hosting;
using Qec.Server.Metrics;
using Qec.Server.Sessions;

namespace Qec.Server.Raw;

/// <summary>
/// Listens for raw connections on TCP and/or a Unix socket and gives each one a dedicated thread
/// (<see cref="RawConnection"/>): a controller holds few connections, and a thread blocked in
/// receive wakes faster than an async continuation scheduled on the thread pool. Stopping closes
/// the listeners, asks every connection to answer what it has read and say GOODBYE, and waits
/// for them up to the host's shutdown timeout.
/// </summary>
internal sealed class RawIngestService(QecServerOptions options, SessionRegistry sessions, ServerMetrics metrics, ILogger<RawIngestService> logger)
    : IHostedService
{
    private readonly List<Socket> _listeners = [];
    private readonly ConcurrentDictionary<RawConnection, Thread> _connections = new();
    private readonly List<Task> _acceptLoops = [];
    private int _connectionCount;
    private volatile bool _stopping;

    /// <summary>The bound TCP endpoint (the real port when 0 was asked for), or null.</summary>
    public IPEndPoint? TcpEndPoint { get; private set; }

    /// <summary>The Unix socket path, or null.</summary>
    public string? UnixSocketPath { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.RawEndPoint is { } ep)
        {
            var listener = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(ep);
            listener.Listen(128);
            TcpEndPoint = (IPEndPoint)listener.LocalEndPoint!;
            Listen(listener, tcp: true);
            logger.LogInformation("raw ingest on tcp://{EndPoint}", TcpEndPoint);
        }
        if (options.RawUnixSocket is { } path)
        {
            DeleteStaleSocket(path);
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(128);
            UnixSocketPath = path;
            Listen(listener, tcp: false);
            logger.LogInformation("raw ingest on unix:{Path}", path);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        foreach (var l in _listeners)
        {
            l.Dispose();
        }
        foreach (var c in _connections.Keys)
        {
            c.RequestStop();
        }
        try
        {
            await Task.WhenAll(_acceptLoops).WaitAsync(cancellationToken).ConfigureAwait(false);
            while (!_connections.IsEmpty)
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            foreach (var c in _connections.Keys)
            {
                c.Abort();
            }
        }
        if (UnixSocketPath is { } path)
        {
            File.Delete(path);
        }
    }

    private void Listen(Socket listener, bool tcp)
    {
        _listeners.Add(listener);
        _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener, tcp)));
    }

    private async Task AcceptLoopAsync(Socket listener, bool tcp)
    {
        while (!_stopping)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // the listener was closed
            }
            if (tcp)
            {
                socket.NoDelay = true;
            }
            if (_stopping || _connections.Count >= options.MaxRawConnections)
            {
                Refuse(socket);
                continue;
            }
            var connection = new RawConnection(socket, sessions, metrics, options);
            var thread = new Thread(() => RunConnection(connection))
            {
                IsBackground = true,
                Name = $"qecd raw #{Interlocked.Increment(ref _connectionCount)}",
            };
            _connections[connection] = thread;
            thread.Start();
        }
    }

    private void RunConnection(RawConnection connection)
    {
        try
        {
            connection.Run();
        }
        catch (Exception e)
        {
            logger.LogError(e, "raw connection failed");
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    private void Refuse(Socket socket)
    {
        var writer = new RawFrameWriter(256);
        var code = _stopping ? StatusCode.Unavailable : StatusCode.ResourceExhausted;
        metrics.Error(IngestPath.Raw, code);
        writer.WriteError(code, RawProtocol.NoShot, 0,
            _stopping ? "server shutting down" : $"too many raw connections (limit {options.MaxRawConnections})");
        try
        {
            socket.Send(writer.WrittenSpan);
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        socket.Dispose();
    }

    internal static void DeleteStaleSocket(string path)
    {
        // A socket file left by a previous run (sockets have length 0; a real file is never removed).
        if (File.Exists(path) && new FileInfo(path).Length == 0)
        {
            File.Delete(path);
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Qec.Core.Decoding;
using Qec.Server.Grpc;
using Qec.Server.Metrics;
using Qec.Server.Raw;
using Qec.Server.Sessions;

namespace Qec.Server.Hosting;

/// <summary>
/// The decoder daemon: gRPC (Kestrel, HTTP/2) and raw ingest over the same sessions and compiled
/// decoders, with health checks, reflection and an optional Prometheus endpoint. Start it with
/// <see cref="StartAsync"/>; the bound addresses are known once it returns.
/// </summary>
public sealed class QecServer : IAsyncDisposable
{
    private readonly IHost _app;
    private readonly QecServerOptions _options;
    private readonly ListenOptions? _grpcListen;
    private readonly ListenOptions? _metricsListen;
    private int _stopped;

    private QecServer(IHost app, QecServerOptions options, ListenOptions? grpcListen, ListenOptions? metricsListen)
    {
        _app = app;
        _options = options;
        _grpcListen = grpcListen;
        _metricsListen = metricsListen;
    }

    /// <summary>gRPC address over TCP (http:// or https://, the real port), or null.</summary>
    public Uri? GrpcAddress => _grpcListen?.IPEndPoint is { } ep ? AddressOf(_options.Certificate is null ? "http" : "https", ep) : null;

    /// <summary>gRPC Unix socket path, or null.</summary>
    public string? GrpcUnixSocket => _options.GrpcUnixSocket;

    /// <summary>Raw TCP endpoint (the real port), or null.</summary>
    public IPEndPoint? RawEndPoint => Raw.TcpEndPoint;

    /// <summary>Raw Unix socket path, or null.</summary>
    public string? RawUnixSocket => Raw.UnixSocketPath;

    /// <summary>The Prometheus scrape address, or null.</summary>
    public Uri? MetricsAddress => _metricsListen?.IPEndPoint is { } ep ? new Uri(AddressOf("http", ep), "/metrics") : null;

    /// <summary>The server's services (sessions, metrics), for tests and in-process hosts.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The session registry.</summary>
    public SessionRegistry Sessions => _app.Services.GetRequiredService<SessionRegistry>();

    private RawIngestService Raw => _app.Services.GetRequiredService<RawIngestService>();

    /// <summary>Builds and starts the server; returns once every endpoint is bound.</summary>
    public static async Task<QecServer> StartAsync(QecServerOptions options, DecoderRegistry decoders, CancellationToken cancellationToken = default)
    {
        options.Validate();
        ListenOptions? grpcListen = null, metricsListen = null;
        IHost host;
        if (options.GrpcEndPoint is null && options.GrpcUnixSocket is null && options.MetricsEndPoint is null)
        {
            // Raw ingest only: no web server at all (Kestrel without endpoints would bind :5000).
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "qecd", Args = [] });
            ConfigureLogging(builder.Logging, options.LogLevel);
            AddCore(builder.Services, options, decoders);
            host = builder.Build();
        }
        else
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = "qecd",
                ContentRootPath = AppContext.BaseDirectory,
                Args = [],
            });
            ConfigureLogging(builder.Logging, options.LogLevel);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                if (options.GrpcEndPoint is { } ep)
                {
                    k.Listen(ep, lo =>
                    {
                        lo.Protocols = HttpProtocols.Http2;
                        if (options.Certificate is { } cert)
                        {
                            lo.UseHttps(cert);
                        }
                        grpcListen = lo;
                    });
                }
                if (options.GrpcUnixSocket is { } path)
                {
                    RawIngestService.DeleteStaleSocket(path);
                    k.ListenUnixSocket(path, lo => lo.Protocols = HttpProtocols.Http2);
                }
                if (options.MetricsEndPoint is { } mep)
                {
                    k.Listen(mep, lo =>
                    {
                        lo.Protocols = HttpProtocols.Http1;
                        metricsListen = lo;
                    });
                }
            });
            AddCore(builder.Services, options, decoders);
            AddGrpc(builder.Services, options);
            var app = builder.Build();
            app.MapGrpcService<DecoderGrpcService>();
            app.MapGrpcService<DiagnosticsGrpcService>();
            app.MapGrpcHealthChecksService();
            app.MapGrpcReflectionService();
            if (options.MetricsEndPoint is not null)
            {
                app.MapPrometheusScrapingEndpoint();
            }
            host = app;
        }
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopped.Register(() => host.Services.GetRequiredService<SessionRegistry>().CloseAll());
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new QecServer(host, options, grpcListen, metricsListen);
    }

    // Sessions, decoders, metrics and the raw path: shared by both host kinds.
    private static void AddCore(IServiceCollection services, QecServerOptions options, DecoderRegistry decoders)
    {
        services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        services.AddSingleton(options);
        services.AddSingleton(decoders);
        services.AddSingleton(new ModelCatalog(options.BuiltInModels));
        services.AddSingleton<CompiledDecoderCache>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(new SessionLimits(options.MaxSessions, options.SessionIdleTimeout));
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<RawIngestService>();
        services.AddHostedService(sp => sp.GetRequiredService<RawIngestService>());
    }

    private static void AddGrpc(IServiceCollection services, QecServerOptions options)
    {
        services.AddGrpc(g =>
        {
            g.MaxReceiveMessageSize = options.MaxMessageBytes;
            g.MaxSendMessageSize = null;
            g.Interceptors.Add<BearerTokenInterceptor>();
        });
        // The service "" is SERVING while the server accepts work (the check runs on each call).
        services.AddGrpcHealthChecks().AddCheck("qecd", () => HealthCheckResult.Healthy("accepting sessions"));
        services.AddGrpcReflection();
        if (options.MetricsEndPoint is not null)
        {
            services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ServerMetrics.MeterName).AddPrometheusExporter());
        }
    }

    /// <summary>
    /// Stops gracefully: streams and raw connections answer every shot they have read, end with
    /// UNAVAILABLE / GOODBYE, and the server waits for them up to the shutdown timeout.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_options.GrpcUnixSocket is { } path)
        {
            File.Delete(path);
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM) and has stopped.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_app is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _app.Dispose();
        }
    }

    private static Uri AddressOf(string scheme, IPEndPoint ep)
    {
        var address = ep.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : ep.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : ep.Address;
        return new Uri($"{scheme}://{new IPEndPoint(address, ep.Port)}");
    }

    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>((category, l) =>
            l >= (category?.StartsWith("Qec.", StringComparison.Ordinal) == true ? level : (LogLevel)Math.Min((int)level + 1, (int)LogLevel.None)));
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rapport.Adapters.Grpc.Binding;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>A Kestrel HTTP/2 server hosting bound gRPC services.</summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private GrpcServer(WebApplication app, Uri address, GrpcCallDispatcher dispatcher)
    {
        _app = app;
        Address = address;
        Dispatcher = dispatcher;
    }

    /// <summary>The bound address ("http://127.0.0.1:54321" or "https://…"), with the real port when 0 was asked for.</summary>
    public Uri Address { get; }

    public GrpcCallDispatcher Dispatcher { get; }

    /// <exception cref="GrpcServerConfigurationException">The endpoint or the security settings are invalid.</exception>
    public static async Task<GrpcServer> StartAsync(GrpcServerOptions options, IEnumerable<GrpcServiceDefinition> services,
        IEnumerable<IGrpcInterceptor>? interceptors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = GrpcEndpoint.Parse(options.Endpoint);
        if (options.Certificate is null && !endpoint.IsLoopback && !options.AllowPlaintextOnNonLoopback)
        {
            throw new GrpcServerConfigurationException(
                $"Refusing to serve gRPC in plaintext on non-loopback address '{options.Endpoint}': configure a TLS certificate, " +
                "listen on a loopback address, or explicitly allow plaintext on non-loopback addresses.");
        }

        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0)
        {
            throw new GrpcServerConfigurationException("Maximum message sizes must be positive.");
        }

        var dispatcher = new GrpcCallDispatcher(options, services, interceptors);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            kestrel.Listen(endpoint.Address, endpoint.Port, listen =>
            {
                if (options.Certificate is not null)
                {
                    // ALPN picks h2; HTTP/1.1 clients still reach the dispatcher, which answers 426.
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(options.Certificate);
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http2;
                    listen.Use(Http1Rejection.Middleware);
                }
            });
        });

        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new GrpcServerConfigurationException($"Cannot listen on '{options.Endpoint}': {ex.Message}", ex);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GrpcServer(app, new Uri(bound.Replace("[::]", "[::1]", StringComparison.Ordinal)), dispatcher);
    }

    /// <summary>Stops accepting calls, lets in-flight calls finish (up to the shutdown timeout), then cancels the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

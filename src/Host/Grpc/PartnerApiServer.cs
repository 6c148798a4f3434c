using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Host.Grpc;

/// <summary>
/// The partner API (rapport.v1), health and reflection of one node on Grpc.AspNetCore, with the node's ports and use
/// cases in its container. Plaintext h2c is only allowed on loopback (the adapter enforces it).
/// </summary>
public sealed class PartnerApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private PartnerApiServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    /// <summary>The bound address ("http://127.0.0.1:54321" or "https://…"), with the real port when 0 was asked for.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the node prints once the API is up (scripts and tests read the address from it).</summary>
    public string ListeningLine => RapportNode.ListeningLine(Address);

    /// <param name="services">More registrations after the node's (tests add a service; a later one replaces a port).</param>
    /// <param name="endpoints">More endpoints next to the API's.</param>
    /// <exception cref="GrpcServerConfigurationException">The endpoint is invalid, taken, or non-loopback without a certificate.</exception>
    public static async Task<PartnerApiServer> StartAsync(
        NodeServices node, Action<PartnerApiOptions> configure, CancellationToken cancellationToken,
        Action<IServiceCollection>? services = null, Action<IEndpointRouteBuilder>? endpoints = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(configure);
        var app = RapportNode.BuildPartnerApiHost(
            core => core.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5)).AddNodeCore(node), configure, services, endpoints);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or GrpcServerConfigurationException)
        {
            var endpoint = app.Services.GetService<Microsoft.Extensions.Options.IOptions<PartnerApiOptions>>()?.Value.Endpoint;
            await app.DisposeAsync().ConfigureAwait(false);
            throw ex as GrpcServerConfigurationException ?? new GrpcServerConfigurationException($"Cannot listen on '{endpoint}': {ex.Message}", ex);
        }

        return new PartnerApiServer(app, RapportNode.PartnerApiAddress(app.Services)!);
    }

    /// <summary>Stops accepting calls, lets in-flight calls finish (up to the shutdown timeout), then cancels the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

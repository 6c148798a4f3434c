using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Web.Hosting;
using Rapport.Host.Composition;
using Rapport.Host.Control;

namespace Rapport.Host.Hosting;

/// <summary>
/// The one composition of a running node: `rapport run`, `rapport demo` and the tests build it here. A .NET generic
/// host whose parts start in order — the store (already open), the peer network, the control socket, then the gRPC
/// partner API and the web console — and stop in reverse: they stop accepting and drain their requests first, the store closes last.
/// </summary>
public static class RapportNode
{
    /// <summary>Registers the opened node's store, ports, use cases, peer side and long-running parts, in start order.</summary>
    public static IServiceCollection AddRapportNode(this IServiceCollection services, NodeServices node, DaemonLock daemonLock, RapportNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddNodeCore(node);
        services.AddPeerNetwork();
        services.AddSingleton(Options.Create(options));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);

        // Hosted services start in registration order and stop in reverse.
        services.AddHostedService(sp => new StoreLifetime(node, daemonLock, sp.GetRequiredService<ILogger<StoreLifetime>>()));
        services.AddSingleton<PeerNetworkService>();
        services.AddHostedService(sp => sp.GetRequiredService<PeerNetworkService>());
        services.AddSingleton<ControlSocketService>();
        services.AddHostedService(sp => sp.GetRequiredService<ControlSocketService>());
        return services;
    }

    /// <summary>
    /// The node's host: a web host (Kestrel) when it serves the partner API or the web console — each on its own
    /// listener — and a plain generic host when it serves neither. Nothing is started; the store and lock are owned
    /// (and closed) by the host from here on. Every registration is checked when the container is built: a use case
    /// whose dependency is missing fails the start, not a later call.
    /// </summary>
    /// <param name="replace">Registrations after the node's, which replace them (a benchmark observes a part this way).</param>
    /// <param name="endpoints">More endpoints next to the partner API's (only a node on a web host has them).</param>
    public static IHost Build(
        NodeServices node, DaemonLock daemonLock, RapportNodeOptions options, X509Certificate2? certificate, Action<ILoggingBuilder> logging,
        Action<IServiceCollection>? replace = null, Action<IEndpointRouteBuilder>? endpoints = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logging);
        if (!options.ServesPartnerApi && !options.ServesWebConsole)
        {
            var plain = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            plain.ConfigureContainer(new DefaultServiceProviderFactory(Checked));
            logging(plain.Logging);
            plain.Services.AddRapportNode(node, daemonLock, options);
            replace?.Invoke(plain.Services);
            return plain.Build();
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        builder.Host.UseServiceProviderFactory(new DefaultServiceProviderFactory(Checked));
        builder.Services.AddRapportNode(node, daemonLock, options);
        if (options.ServesPartnerApi)
        {
            var grpc = ListenEndpoint.Required(options.Grpc, "grpc", PartnerApiOptions.DefaultEndpoint);
            builder.Services.AddPartnerApi(o => (o.Endpoint, o.Certificate, o.MaxReceiveMessageSize, o.MaxSendMessageSize) =
                (grpc, certificate, options.MaxMessageBytes, options.MaxMessageBytes));
        }

        if (options.ServesWebConsole)
        {
            var web = ListenEndpoint.Required(options.Web, "web", WebConsoleOptions.DefaultEndpoint);
            builder.Services.AddWebConsole(o => (o.Endpoint, o.Certificate, o.KeysDirectory) = (web, certificate, node.Data.WebKeysPath));

            // The cookie keys are kept as the identity key is: plain files a 0700 folder of the data dir protects.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        replace?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseRouting();
        if (options.ServesWebConsole)
        {
            app.UseWebConsole();
            app.MapWebConsole();
        }

        if (options.ServesPartnerApi)
        {
            app.MapPartnerApi();
        }

        endpoints?.Invoke(app);
        return app;
    }

    private static ServiceProviderOptions Checked => new() { ValidateOnBuild = true, ValidateScopes = true };

    /// <summary>Where a started host's partner API listens ("http://127.0.0.1:54321/", a wildcard as loopback), or null.</summary>
    public static Uri? PartnerApiAddress(IServiceProvider services) =>
        services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => new Uri(a.Replace("[::]", "[::1]", StringComparison.Ordinal)) != WebConsole.Address(services)) is { } bound
            ? new Uri(bound.Replace("[::]", "[::1]", StringComparison.Ordinal))
            : null;

    /// <summary>What the node prints once the API is up (scripts and tests read the address from it).</summary>
    public static string ListeningLine(Uri address) => $"gRPC partner API listening on {address} ({string.Join(", ", PartnerApi.ServiceNames())})";
}

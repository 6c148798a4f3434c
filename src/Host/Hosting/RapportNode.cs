using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Host.Composition;
using Rapport.Host.Control;

namespace Rapport.Host.Hosting;

/// <summary>
/// The one composition of a running node: `rapport run`, `rapport demo` and the tests build it here. A .NET generic
/// host whose parts start in order — the store (already open), the peer network, the control socket, then the gRPC
/// partner API — and stop in reverse: the API stops accepting and drains its calls first, the store closes last.
/// </summary>
public static class RapportNode
{
    /// <summary>Registers the opened node's store, ports, use cases and long-running parts, in start order.</summary>
    public static IServiceCollection AddRapportNode(
        this IServiceCollection services, NodeServices node, DaemonLock daemonLock, NodeIdentity identity, RapportNodeOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(node);
        services.AddSingleton(identity);
        services.AddSingleton(Options.Create(options));
        services.AddNodePorts(node).AddUseCases();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);

        // Hosted services start in registration order and stop in reverse.
        services.AddHostedService(_ => new StoreLifetime(node, daemonLock));
        services.AddSingleton(_ => new PeerNetworkService(node, identity, options, log));
        services.AddHostedService(sp => sp.GetRequiredService<PeerNetworkService>());
        services.AddSingleton(sp => new ControlSocketService(node.Data, sp.GetRequiredService<PeerNetworkService>(), log));
        services.AddHostedService(sp => sp.GetRequiredService<ControlSocketService>());
        return services;
    }

    /// <summary>
    /// The node's host: a web host serving the partner API when it has a gRPC endpoint, a plain generic host when not.
    /// Nothing is started; the store and lock are owned (and closed) by the host from here on.
    /// </summary>
    public static IHost Build(NodeServices node, DaemonLock daemonLock, NodeIdentity identity, RapportNodeOptions options, X509Certificate2? certificate, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ServesPartnerApi)
        {
            var plain = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            plain.Services.AddRapportNode(node, daemonLock, identity, options, log);
            return plain.Build();
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Logging.ClearProviders();
        builder.Services.AddRapportNode(node, daemonLock, identity, options, log);
        builder.Services.AddPartnerApi(o => (o.Endpoint, o.Certificate) = (options.Grpc, certificate));
        var app = builder.Build();
        app.MapPartnerApi();
        return app;
    }
}

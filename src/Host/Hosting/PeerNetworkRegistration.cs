using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Host.Composition;
using Rapport.Host.Daemon;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Hosting;

/// <summary>
/// The running node's peer side, one instance each: the libp2p host, the node's hybrid logical clock, the consent
/// channel that reaches peers, the sync service and its change notifications, the re-dial and expiry loops, the
/// daemon that ties them to the host, and the control commands. With these registered every use case resolves,
/// including those that talk to peers.
/// </summary>
public static class PeerNetworkRegistration
{
    public static IServiceCollection AddPeerNetwork(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new Libp2pHost(
            sp.GetRequiredService<NodeIdentity>(),
            new Libp2pOptions
            {
                MaxConnections = sp.GetRequiredService<IOptions<RapportNodeOptions>>().Value.MaxConnections,
                AgentVersion = NodeAgent.Version,
            },
            sp.GetRequiredService<ILogger<Libp2pHost>>()));
        services.AddSharedRecordSync();
        services.AddSingleton<BackgroundWork>();
        services.AddSingleton<PeerConnector>();
        services.AddSingleton<IConsentChannel>(sp => new ConnectingConsentChannel(
            sp.GetRequiredService<PeerConnector>(), new Libp2pConsentChannel(sp.GetRequiredService<Libp2pHost>())));

        // Sessions open by themselves on a new connection; the use cases' change notifications go through
        // SyncOnChange, which also opens a session when none runs.
        services.TryAddSingleton(new SyncOptions());
        services.AddSingleton(sp => new Libp2pSyncService(
            sp.GetRequiredService<Libp2pHost>(), sp.GetRequiredService<ISharedRecordSync>(), sp.GetRequiredService<SharedRecordChanges>(),
            sp.GetRequiredService<SyncOptions>(), logger: sp.GetRequiredService<ILogger<Libp2pSyncService>>()));
        services.AddSingleton<SyncOnChange>();
        services.AddSingleton<ISharedRecordChanges>(sp => sp.GetRequiredService<SyncOnChange>());

        services.AddSingleton<PeerRedialer>();
        services.AddSingleton<ExpirySweeper>();
        services.AddSingleton<ConsentProtocol>();
        services.AddSingleton<NodeDaemon>();
        services.AddSingleton<SharedRecordControl>();
        services.AddSingleton<ControlCommands>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Refusals;
using Rapport.Host.Daemon;

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
            new Libp2pOptions { MaxConnections = sp.GetRequiredService<IOptions<RapportNodeOptions>>().Value.MaxConnections },
            sp.GetRequiredService<ILogger<Libp2pHost>>()));
        services.AddSingleton<NodeClock>();
        services.AddSingleton<BackgroundWork>();

        // One refusal counter for the consent and sync protocols: its throttle and held-back counts are the node's.
        services.Replace(ServiceDescriptor.Singleton<RecordProtocolRefusal, RecordProtocolRefusal>());

        services.AddSingleton<PeerConnector>();
        services.AddSingleton<IConsentChannel>(sp => new ConnectingConsentChannel(
            sp.GetRequiredService<PeerConnector>(), new Libp2pConsentChannel(sp.GetRequiredService<Libp2pHost>())));

        // The sessions hear of changes (SharedRecordChanges); the use cases raise them through SyncOnChange, which
        // also opens a session when none runs.
        services.AddSingleton<SharedRecordChanges>();
        services.AddSingleton(sp => new SharedRecordSync(
            sp.GetRequiredService<Application.Common.IUnitOfWorkFactory>(), sp.GetRequiredService<IGrantSigner>(), sp.GetRequiredService<Application.Common.IClock>(),
            sp.GetRequiredService<NodeClock>(), sp.GetRequiredService<SharedRecordChanges>(), sp.GetRequiredService<Application.Policy.Gate.ConsentGate>(),
            sp.GetRequiredService<RecordProtocolRefusal>()));
        services.AddSingleton<ISharedRecordSync>(sp => sp.GetRequiredService<SharedRecordSync>());
        services.AddSingleton(sp => new Libp2pSyncService(
            sp.GetRequiredService<Libp2pHost>(), sp.GetRequiredService<ISharedRecordSync>(), sp.GetRequiredService<SharedRecordChanges>(),
            logger: sp.GetRequiredService<ILogger<Libp2pSyncService>>()));
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

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Refusals;

namespace Rapport.Host.Composition;

/// <summary>
/// The node's shared-record replication without the network: its hybrid logical clock, the change notifications the
/// sessions listen to, the sync steps a session runs, and the one refusal recorder of the peer protocols. The peer
/// network (<c>AddPeerNetwork</c>) puts the transport on top; tests of the replication itself drive these directly.
/// </summary>
public static class SharedRecordRegistration
{
    public static IServiceCollection AddSharedRecordSync(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<NodeClock>();

        // One refusal recorder for the consent and sync protocols: its throttle and held-back counts are the node's.
        services.Replace(ServiceDescriptor.Singleton<RecordProtocolRefusal, RecordProtocolRefusal>());

        // The sessions hear of changes here; the use cases raise them through ISharedRecordChanges, which the peer
        // network points at a notifier that also opens a session when none runs.
        services.TryAddSingleton<SharedRecordChanges>();
        services.TryAddSingleton(sp => new SharedRecordSync(
            sp.GetRequiredService<IUnitOfWorkFactory>(), sp.GetRequiredService<IGrantSigner>(), sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<NodeClock>(), sp.GetRequiredService<SharedRecordChanges>(), sp.GetRequiredService<ConsentGate>(),
            sp.GetRequiredService<RecordProtocolRefusal>()));
        services.TryAddSingleton<ISharedRecordSync>(sp => sp.GetRequiredService<SharedRecordSync>());
        return services;
    }
}

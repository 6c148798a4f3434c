using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Status;

/// <summary>One relationship's sync state: our side, the peer, the newest grant and the replica's vector and sync times.</summary>
public sealed record SyncStatusEntry(
    SharingRole Role,
    string RemotePeerId,
    long GrantVersion,
    ConsentStatus? GrantStatus,
    VersionVector Versions,
    DateTimeOffset? LastAppliedAt,
    DateTimeOffset? LastSentAt);

/// <summary>Lists every shared record this node keeps, with its grant and sync state.</summary>
public sealed class SyncStatus(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock)
{
    public async Task<IReadOnlyList<SyncStatusEntry>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        var local = identity.LocalPeerId;
        var entries = new List<SyncStatusEntry>();
        foreach (var stored in await work.SharedRecords.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var pair = stored.Pair;
            if (pair.BusinessPeerId != local && pair.CustomerPeerId != local)
            {
                continue;
            }

            var grant = (await work.Sharing.LatestGrantAsync(pair.BusinessPeerId, pair.CustomerPeerId, cancellationToken).ConfigureAwait(false))?.Grant;
            entries.Add(new SyncStatusEntry(
                pair.RoleOf(local),
                pair.RemoteOf(local),
                grant?.Version ?? 0,
                grant?.StatusAt(now),
                stored.Versions,
                stored.LastAppliedAt,
                stored.LastSentAt));
        }

        return entries;
    }
}

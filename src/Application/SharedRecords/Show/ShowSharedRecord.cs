using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.SharedRecords.Show;

/// <summary>The local replica of the record shared with one peer, and the consent it is held under.</summary>
public sealed record SharedRecordView(
    SharingRole Role,
    string BusinessPeerId,
    string CustomerPeerId,
    long GrantVersion,
    GrantStatus GrantStatus,
    IReadOnlyDictionary<string, FieldAccess> GrantedFields,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlySet<string> Tags,
    IReadOnlyList<SharedInteraction> Interactions,
    VersionVector Versions,
    IReadOnlyDictionary<string, HlcTimestamp> PurgedFields);

/// <summary>
/// Reads the local replica shared with a peer (fields, tags, interactions, versions) with the grant status now. The
/// business sees only the field values its grant lets it view at this instant.
/// </summary>
public sealed class ShowSharedRecord(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock)
{
    public async Task<Result<SharedRecordView>> ExecuteAsync(string remotePeerId, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var relationship = await Relationship.FindAsync(work, identity.LocalPeerId, remotePeerId, cancellationToken).ConfigureAwait(false);
        if (relationship is null)
        {
            return new Error(SyncErrors.NoRelationship, $"no grant was ever exchanged with {remotePeerId}", "peer");
        }

        var pair = relationship.Pair;
        var record = await work.SharedRecords.FindAsync(pair, identity.LocalPeerId, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(identity.LocalPeerId);
        var grant = relationship.Grant;
        var now = clock.UtcNow;

        // Values the business may no longer view (expired, not purged by the sweep yet) are not shown.
        var fields = relationship.Role == SharingRole.Business
            ? record.Fields.Where(f => grant.CanView(f.Key, now)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)
            : record.Fields;
        return new SharedRecordView(
            relationship.Role,
            pair.BusinessPeerId,
            pair.CustomerPeerId,
            grant.Version,
            grant.GrantStatusAt(now),
            grant.Fields,
            fields,
            record.Tags,
            record.Interactions,
            record.Versions,
            record.PurgeWatermarks);
    }
}

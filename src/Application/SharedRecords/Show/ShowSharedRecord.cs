using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Show;

/// <summary>The local replica of the record shared with one peer, and the consent it is held under.</summary>
public sealed record SharedRecordView(
    SharingRole Role,
    string BusinessPeerId,
    string CustomerPeerId,
    long GrantVersion,
    ConsentStatus GrantStatus,
    IReadOnlyDictionary<string, AccessLevel> GrantedFields,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlySet<string> Tags,
    IReadOnlyList<SharedInteraction> Interactions,
    VersionVector Versions,
    IReadOnlyDictionary<string, HlcTimestamp> PurgedFields);

/// <summary>
/// Reads the local replica shared with a peer (fields, tags, interactions, versions) with the grant status now. On the
/// business's node the gate decides the show (<c>show_shared_record</c>, <c>read_shared_field</c> per field) on the
/// grant, and only the field values it allows are shown; the customer reads its own record.
/// </summary>
public sealed class ShowSharedRecord(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, ConsentGate gate)
{
    /// <param name="actor">Who shows it (`cli`, `control`); written with the business's decision.</param>
    public async Task<Result<SharedRecordView>> ExecuteAsync(string remotePeerId, string actor = "cli", CancellationToken cancellationToken = default)
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
        var fields = record.Fields;
        if (relationship.Role == SharingRole.Business)
        {
            var use = await relationship.UseAsync(work, PolicyActions.ShowSharedRecord, PolicyActions.ReadSharedField, [.. record.Fields.Keys], actor, carriesRecordData: false, cancellationToken).ConfigureAwait(false);
            SharedRecordDecision decision;
            try
            {
                decision = await gate.DecideAsync(use, now, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException unavailable)
            {
                return ConsentGate.AuditUnavailable(unavailable);
            }

            fields = record.Fields.Where(f => decision.Allows(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        }

        return new SharedRecordView(
            relationship.Role,
            pair.BusinessPeerId,
            pair.CustomerPeerId,
            grant.Version,
            grant.StatusAt(now),
            grant.Fields,
            fields,
            record.Tags,
            record.Interactions,
            record.Versions,
            record.PurgeWatermarks);
    }
}

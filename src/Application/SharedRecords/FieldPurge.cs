using Rapport.Application.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// Business side, protocol/sharing.md §6.5: drops the values of fields whose consent ended and leaves a watermark above
/// every write made before, inside the caller's transaction, and audits which fields (never their values).
/// </summary>
internal static class FieldPurge
{
    /// <summary>
    /// Purges <paramref name="fields"/>, and any other value held that <paramref name="mayHold"/> rejects, with watermark
    /// max(fresh own reading, <paramref name="floor"/>); returns it.
    /// </summary>
    public static async Task<HlcTimestamp?> PurgeAsync(
        IUnitOfWork work,
        NodeClock clock,
        SharedRecordPair pair,
        IReadOnlyCollection<string> fields,
        Func<string, bool> mayHold,
        HlcTimestamp? floor,
        DateTimeOffset now,
        string actor,
        string reason,
        CancellationToken cancellationToken)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        var record = await work.SharedRecords.FindAsync(pair, clock.NodeId, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(clock.NodeId);
        var watermark = clock.Now(record);
        if (floor is { } f)
        {
            watermark = HlcTimestamp.Max(watermark, f);
        }

        var purged = fields.Concat(record.Fields.Keys.Where(k => !mayHold(k))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        record.Purge(purged, watermark);
        await work.SharedRecords.SaveAsync(pair, record, RecordChanges.OfFields(purged), cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(SyncAudit.Purged(now, pair, actor, purged, watermark, reason), cancellationToken).ConfigureAwait(false);
        return watermark;
    }
}

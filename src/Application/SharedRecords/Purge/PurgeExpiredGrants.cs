using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Purge;

/// <summary>
/// Business side, protocol/sharing.md §6.5, run periodically by the daemon: for every relationship whose newest grant
/// has expired, purges the field values still held (or not yet watermarked high enough) with the expiry watermark
/// max(fresh own reading, (expires_at + drift bound + 1, 0, business)), one transaction per pair, audited. Idempotent:
/// a pair already purged is left alone. Returns the pairs purged by this run.
/// </summary>
public sealed class PurgeExpiredGrants(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, NodeClock nodeClock)
{
    public async Task<IReadOnlyList<SharedRecordPair>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<StoredSharedRecord> stored;
        await using (var listing = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = await listing.SharedRecords.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        var purged = new List<SharedRecordPair>();
        foreach (var pair in stored.Select(s => s.Pair).Where(p => p.BusinessPeerId == identity.LocalPeerId))
        {
            if (await PurgeIfExpiredAsync(pair, cancellationToken).ConfigureAwait(false))
            {
                purged.Add(pair);
            }
        }

        return purged;
    }

    private async Task<bool> PurgeIfExpiredAsync(SharedRecordPair pair, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        var newest = await work.Sharing.LatestGrantAsync(pair.BusinessPeerId, pair.CustomerPeerId, cancellationToken).ConfigureAwait(false);
        if (newest?.Grant is not { } grant || grant.StatusAt(now) != ConsentStatus.Expired)
        {
            return false;
        }

        var record = await work.SharedRecords.FindAsync(pair, identity.LocalPeerId, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(identity.LocalPeerId);
        var floor = new HlcTimestamp(grant.ExpiresAt.ToUnixTimeMilliseconds() + nodeClock.MaxDriftMs + 1, 0, identity.LocalPeerId);
        var due = grant.Fields.Keys.Concat(record.Fields.Keys)
            .Distinct(StringComparer.Ordinal)
            .Where(key => record.GetRegister(key) is not null || !record.PurgeWatermarks.TryGetValue(key, out var mark) || mark < floor)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (due.Count == 0)
        {
            return false;
        }

        await FieldPurge.PurgeAsync(
            work, nodeClock, pair, due, _ => false, floor, now, "system", $"expired at {grant.ExpiresAt:O} (version {grant.Version})", cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

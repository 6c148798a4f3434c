using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// The replica of each pair's shared record: fields, tombstones, tags, interactions, version vector and purge
/// watermarks, persisted losslessly. Works inside the caller's unit of work.
/// </summary>
public interface ISharedRecordStore
{
    /// <summary>The pair's replica owned by <paramref name="localNodeId"/>, or null when nothing was stored yet.</summary>
    Task<SharedRecord?> FindAsync(SharedRecordPair pair, string localNodeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the replica: the entries named by <paramref name="changes"/> (each written as the record now holds it,
    /// or deleted when the record no longer has it) plus the version vector, watermarks and latest stamp.
    /// </summary>
    Task SaveAsync(SharedRecordPair pair, SharedRecord record, RecordChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Starts an empty replica for the pair unless one is stored (so every relationship is listed).</summary>
    Task EnsureAsync(SharedRecordPair pair, CancellationToken cancellationToken = default);

    /// <summary>Notes that a delta was applied from, or sent to, the other side of the pair at <paramref name="at"/>.</summary>
    Task MarkSyncedAsync(SharedRecordPair pair, SyncDirection direction, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every stored pair, ordered by business then customer.</summary>
    Task<IReadOnlyList<StoredSharedRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The greatest stamp any stored replica has seen (to start the node clock above it), or null.</summary>
    Task<HlcTimestamp?> LatestStampAsync(CancellationToken cancellationToken = default);
}

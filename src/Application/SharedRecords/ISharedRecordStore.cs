using Rapport.Domain.Contacts;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// The replica of each pair's shared record: fields, tombstones, tags, interactions, version vector and purge
/// watermarks, persisted losslessly. Works inside the caller's unit of work.
/// </summary>
public interface ISharedRecordStore
{
    /// <summary>The pair's whole replica owned by <paramref name="localNodeId"/>, or null when nothing was stored yet.</summary>
    Task<SharedRecord?> FindAsync(SharedRecordPair pair, string localNodeId, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="FindAsync(SharedRecordPair, string, CancellationToken)"/>, reading only the interactions named by <paramref name="interactions"/>.</summary>
    Task<SharedRecord?> FindAsync(SharedRecordPair pair, string localNodeId, InteractionsToLoad interactions, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// The platform-native contact whose peer id is <paramref name="peerId"/>, or null: the business's CRM side of a
    /// relationship, whose consent the policy engine reads.
    /// </summary>
    Task<ContactId?> FindContactByPeerAsync(string peerId, CancellationToken cancellationToken = default);

    /// <summary>The shared record this node keeps with a customer's node as the business, without its content; null if none.</summary>
    Task<StoredSharedRecord?> FindByCustomerAsync(string customerPeerId, CancellationToken cancellationToken = default);

    /// <summary>The greatest stamp any stored replica has seen (to start the node clock above it), or null.</summary>
    Task<HlcTimestamp?> LatestStampAsync(CancellationToken cancellationToken = default);
}

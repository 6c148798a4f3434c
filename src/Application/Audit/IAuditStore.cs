using Rapport.Domain.Audit;

namespace Rapport.Application.Audit;

/// <summary>
/// Persistence of the append-only audit chain. <see cref="AppendAsync"/> links the event to the last entry
/// inside the caller's transaction (hashing is domain logic; the store only orders and persists).
/// </summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Appends several events in order, reading the chain's head once.</summary>
    Task AppendRangeAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest entry's position and hash (<see cref="AuditHead.Empty"/> for an empty log).</summary>
    Task<AuditHead> HeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Every entry in stored order, streamed (for verification of long logs).</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Entries matching the query, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

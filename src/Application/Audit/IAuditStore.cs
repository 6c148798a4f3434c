using Rapport.Domain.Audit;

namespace Rapport.Application.Audit;

/// <summary>
/// Persistence of the append-only audit chain. <see cref="AppendAsync"/> links the event to the last entry
/// inside the caller's transaction (hashing is domain logic; the store only orders and persists).
/// </summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

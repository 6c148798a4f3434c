using Rapport.Domain.Audit;

namespace Rapport.Application.Audit;

/// <summary>
/// Appends audit events outside any caller's transaction, for decisions made on a read-only snapshot. Many callers'
/// events are group-committed in one write transaction; <see cref="RecordAsync"/> returns only once the caller's events
/// are durable in the audit chain, so an answer sent after it always has its audit entry, even if the node then crashes.
/// </summary>
public interface IAuditJournal
{
    /// <summary>Appends <paramref name="events"/> in order and waits until they are durable.</summary>
    /// <exception cref="Common.StoreUnavailableException">The events could not be written; nothing may be answered.</exception>
    Task RecordAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default);
}

using Rapport.Domain.Audit;

namespace Rapport.Application.Audit.Head;

/// <summary>
/// A signed record of the audit chain's head kept outside the store, so that a log that lost its newest entries
/// (a deleted WAL, an older copy of the database put back, rows deleted) can be told from one that never had them.
/// </summary>
public interface IAuditCheckpoint
{
    /// <summary>
    /// Signs and keeps <paramref name="head"/> durably (replacing the file atomically) unless a later head is kept
    /// already. Called after every commit that appended to the audit log.
    /// </summary>
    Task AdvanceAsync(AuditHead head, CancellationToken cancellationToken = default);

    /// <summary>What is kept now: nothing, a head whose signature verifies, or something that does not verify.</summary>
    Task<CheckpointReading> ReadAsync(CancellationToken cancellationToken = default);
}

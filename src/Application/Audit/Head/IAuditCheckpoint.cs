using Rapport.Domain.Audit;

namespace Rapport.Application.Audit.Head;

/// <summary>
/// A signed record of the audit chain's head kept outside the store, so that a log that lost its newest entries
/// (a deleted WAL, an older copy of the database put back, rows deleted) can be told from one that never had them.
/// </summary>
public interface IAuditCheckpoint
{
    /// <summary>
    /// Hands <paramref name="head"/> to the checkpoint's writer, which signs and keeps the newest head it was given
    /// (replacing the file atomically), never an earlier one over a later. Called after every commit that appended to
    /// the audit log; it does not wait for the disk, so heads handed in while a write is under way share the next one.
    /// </summary>
    Task AdvanceAsync(AuditHead head, CancellationToken cancellationToken = default);

    /// <summary>Waits until the newest head handed in is durable (called when the store closes).</summary>
    Task FlushAsync();

    /// <summary>What is kept now: nothing, a head whose signature verifies, or something that does not verify.</summary>
    Task<CheckpointReading> ReadAsync(CancellationToken cancellationToken = default);
}

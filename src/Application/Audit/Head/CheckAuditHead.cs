using Rapport.Application.Common;
using Rapport.Domain.Common;

namespace Rapport.Application.Audit.Head;

/// <summary>
/// Run as a node opens its store: the log must reach the head the node signed. A log that ends before it has lost
/// data and is refused; a missing checkpoint is signed anew from the log, with a report. Costs one indexed read.
/// </summary>
public sealed class CheckAuditHead(IUnitOfWorkFactory unitOfWork, IAuditCheckpoint checkpoint)
{
    /// <summary>Success with a report for the user (or null when all is well), or the failure that must stop the node.</summary>
    public async Task<Result<string?>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var reading = await checkpoint.ReadAsync(cancellationToken).ConfigureAwait(false);
        Domain.Audit.AuditHead head;
        await using (var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            head = await work.Audit.HeadAsync(cancellationToken).ConfigureAwait(false);
        }

        switch (reading)
        {
            case CheckpointReading.Invalid invalid:
                return AuditHeadProblems.Invalid(invalid.Why);
            case CheckpointReading.Signed signed when signed.Head.IsAfter(head):
                return AuditHeadProblems.Truncated(head.Sequence, signed.Head);
            case CheckpointReading.Signed:
                return Result.Ok<string?>(null);
            default:
                await checkpoint.AdvanceAsync(head, cancellationToken).ConfigureAwait(false);
                await checkpoint.FlushAsync().ConfigureAwait(false);
                return Result.Ok<string?>(head.Sequence == 0 ? null : AuditHeadProblems.Missing(head.Sequence));
        }
    }
}

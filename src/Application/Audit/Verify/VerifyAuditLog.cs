using Rapport.Application.Audit.Head;
using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;

namespace Rapport.Application.Audit.Verify;

/// <summary>How far a verification has got.</summary>
public readonly record struct AuditProgress(long Checked, long Total);

/// <summary>
/// Re-computes the whole audit chain from the store, streaming entries, and names the first broken position; then holds
/// the chain against the head the node signed (<paramref name="checkpoint"/>), which catches a deleted tail that the
/// chain alone cannot show. Progress is reported every <see cref="ProgressInterval"/> entries and once at the end.
/// </summary>
/// <param name="checkpoint">The node's signed head; null checks the chain alone (a store with no witness).</param>
public sealed class VerifyAuditLog(IUnitOfWorkFactory unitOfWork, IAuditCheckpoint? checkpoint = null)
{
    public const int ProgressInterval = 10_000;

    public async Task<Result<AuditVerification>> ExecuteAsync(IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var reading = checkpoint is null ? null : await checkpoint.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reading is CheckpointReading.Invalid invalid)
        {
            return AuditHeadProblems.Invalid(invalid.Why);
        }

        var signed = (reading as CheckpointReading.Signed)?.Head;
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var total = await work.Audit.CountAsync(cancellationToken).ConfigureAwait(false);
        var verifier = new AuditChainVerifier();
        await foreach (var entry in work.Audit.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!verifier.Check(entry))
            {
                progress?.Report(new AuditProgress(verifier.Checked, total));
                return verifier.Failure!;
            }

            if (signed is not null && entry.Sequence == signed.Sequence && entry.Hash != signed.Hash)
            {
                return AuditHeadProblems.Mismatch(signed, entry.Hash);
            }

            if (verifier.Checked % ProgressInterval == 0)
            {
                progress?.Report(new AuditProgress(verifier.Checked, total));
            }
        }

        progress?.Report(new AuditProgress(verifier.Checked, total));
        return reading switch
        {
            CheckpointReading.Signed { Head: var head } when head.Sequence > verifier.Checked => AuditHeadProblems.Truncated(verifier.Checked, head),
            CheckpointReading.Signed { Head: var head } when head.Sequence < verifier.Checked =>
                new AuditVerification(verifier.Checked, verifier.LastHash, AuditHeadProblems.OlderThanLog(head, verifier.Checked)),
            CheckpointReading.Missing => new AuditVerification(verifier.Checked, verifier.LastHash, $"warning: no signed audit head ({AuditHeadProblems.CheckpointFile}): a deleted tail cannot be detected"),
            _ => new AuditVerification(verifier.Checked, verifier.LastHash),
        };
    }
}

using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;

namespace Rapport.Application.Audit.Verify;

/// <summary>How far a verification has got.</summary>
public readonly record struct AuditProgress(long Checked, long Total);

/// <summary>
/// Re-computes the whole audit chain from the store, streaming entries, and names the first broken position.
/// Progress is reported every <see cref="ProgressInterval"/> entries and once at the end.
/// </summary>
public sealed class VerifyAuditLog(IUnitOfWorkFactory unitOfWork)
{
    public const int ProgressInterval = 10_000;

    public async Task<Result<AuditVerification>> ExecuteAsync(IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
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

            if (verifier.Checked % ProgressInterval == 0)
            {
                progress?.Report(new AuditProgress(verifier.Checked, total));
            }
        }

        progress?.Report(new AuditProgress(verifier.Checked, total));
        return new AuditVerification(verifier.Checked, verifier.LastHash);
    }
}

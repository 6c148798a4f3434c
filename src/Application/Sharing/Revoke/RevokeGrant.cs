using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;

namespace Rapport.Application.Sharing.Revoke;

public sealed record RevokeGrantCommand(string BusinessPeerId, string Actor);

/// <summary>Customer side: signs the next version of the current grant with a revocation time and pushes it at once.</summary>
public sealed class RevokeGrant(
    IUnitOfWorkFactory unitOfWork,
    IGrantSigner signer,
    IConsentChannel channel,
    IClock clock,
    NodeClock nodeClock,
    ISharedRecordChanges changes)
{
    private readonly GrantIssuer _issuer = new(unitOfWork, signer, channel, clock, nodeClock, changes);

    public async Task<Result<IssuedGrant>> ExecuteAsync(RevokeGrantCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var current = await work.Sharing.LatestGrantAsync(command.BusinessPeerId, signer.LocalPeerId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new Error(SharingReceiptErrors.NoGrant, $"no grant was issued to {command.BusinessPeerId}", "business");
        }

        if (current.Grant.RevokedAt is { } revokedAt)
        {
            return new Error(ConsentErrors.AlreadyRevoked, $"the grant to {command.BusinessPeerId} was already revoked at {revokedAt:O}", "business");
        }

        var revocation = current.Grant.Revoke(clock.UtcNow);
        if (revocation.IsFailure)
        {
            return revocation.Error;
        }

        return await _issuer.IssueAsync(work, revocation.Value, command.Actor, "sharing.revoked", null, cancellationToken).ConfigureAwait(false);
    }
}

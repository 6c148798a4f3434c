using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>Revokes a partner's key: its next call is refused. Revoking twice keeps the first revocation time.</summary>
public sealed class RevokePartner(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<Partner>> ExecuteAsync(string name, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var partner = await work.Partners.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (partner is null)
        {
            return PartnerErrors.Unknown(name);
        }

        if (partner.IsRevoked)
        {
            return partner;
        }

        var now = clock.UtcNow;
        var revoked = partner with { RevokedAt = now };
        await work.Partners.UpdateAsync(revoked, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(CrmAudit.Event(now, actor, "partner.revoked", name, null, ("key_id", partner.KeyId)), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return revoked;
    }
}

using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Contacts;

/// <summary>
/// Shows a contact only if the gate allows <see cref="PolicyActions.ReadContact"/> for the purpose now (no purpose:
/// the business's own record keeping, <see cref="Domain.Consent.Purpose.Crm"/>). The decision,
/// allow or deny, is audited in the same transaction as the read; a denial fails with the most specific policy reason
/// code (CONSENT_MARKETING_MISSING, CONSENT_REVOKED, CONSENT_EXPIRED, CONSENT_NOT_YET_EFFECTIVE) and
/// <see cref="ErrorKind.ConsentDenied"/>.
/// </summary>
public sealed class ShowContactForPurpose(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public async Task<Result<Contact>> ExecuteAsync(ContactId id, string? purpose, string actor, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var contact = await work.Contacts.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (contact is null)
            {
                return ContactErrors.Unknown(id);
            }

            var decision = await gate.DecideAsync(work, id, GateRequest.Read(PolicyActions.ReadContact, actor, purpose), clock.UtcNow, cancellationToken).ConfigureAwait(false);
            return decision.Allowed ? contact : ConsentGate.Denial(decision);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }
}

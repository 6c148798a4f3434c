using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Consent.Receipts;

/// <summary>
/// A contact's whole consent history (every recorded version, with its fields, source and legal basis) for a caller
/// who names the purpose it reads it for: personal data like any other, so it is a
/// <see cref="PolicyActions.ReadConsent"/> decision, audited before anything is answered. No purpose is the
/// business's own record keeping (crm).
/// </summary>
public sealed class ListConsentReceipts(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public async Task<Result<IReadOnlyList<ConsentGrant>>> ExecuteAsync(ContactId contact, string? purpose, string actor, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            if (await KnownContact.CheckAsync(work, contact, cancellationToken).ConfigureAwait(false) is { } missing)
            {
                return missing;
            }

            var decision = await gate.DecideAsync(work, contact, GateRequest.Read(PolicyActions.ReadConsent, actor, purpose), clock.UtcNow, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return ConsentGate.Denial(decision);
            }

            return Result.Ok(await work.Consents.HistoryAsync(contact, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }
}

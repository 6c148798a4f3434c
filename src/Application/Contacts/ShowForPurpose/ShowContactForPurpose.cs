using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Contacts;

/// <summary>
/// Shows a contact only if its consent allows <paramref name="purpose"/> now; otherwise fails with the policy
/// reason code (CONSENT_MARKETING_MISSING, CONSENT_REVOKED, CONSENT_EXPIRED, CONSENT_NOT_YET_EFFECTIVE) as the error code.
/// </summary>
public sealed class ShowContactForPurpose(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<Contact>> ExecuteAsync(ContactId id, string purpose, CancellationToken cancellationToken = default)
    {
        var parsed = Purpose.Parse(purpose);
        if (parsed.IsFailure)
        {
            return parsed.Error;
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var contact = await work.Contacts.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return ContactErrors.NotFound(id);
        }

        var snapshot = ConsentSnapshot.Create(id, await work.Consents.CurrentAsync(id, cancellationToken).ConfigureAwait(false));
        var status = snapshot.StatusAt(parsed.Value, clock.UtcNow);
        return status switch
        {
            ConsentStatus.Granted => contact,
            ConsentStatus.Revoked => Denied(ReasonCodes.Revoked, parsed.Value, id),
            ConsentStatus.Expired => Denied(ReasonCodes.Expired, parsed.Value, id),
            ConsentStatus.NotYetEffective => Denied(ReasonCodes.NotYetEffective, parsed.Value, id),
            _ => Denied(ReasonCodes.MissingFor(parsed.Value), parsed.Value, id),
        };
    }

    /// <summary>Whether an error from this use case is a consent denial (its code is a policy reason code).</summary>
    public static bool IsConsentDenial(Error error) => error is not null && error.Field == "purpose" && error.Code.StartsWith("CONSENT_", StringComparison.Ordinal);

    private static Error Denied(string reason, Purpose purpose, ContactId id) =>
        new(reason, $"the consent of contact {id} does not allow {purpose.Key}", "purpose");
}

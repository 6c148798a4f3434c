using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Consent.Check;

/// <param name="Status">`granted`, `revoked`, `expired`, `not_yet_effective` or `missing`, as the decision's reasons say.</param>
/// <param name="Version">The version of the consent recorded for exactly this purpose; 0 when there is none.</param>
public sealed record ConsentCheck(ContactId Contact, string Purpose, string Status, bool Allowed, long Version, PolicyDecision Decision);

/// <summary>
/// "Does this contact's consent allow this purpose now?" — answered by the gate (<see cref="PolicyActions.ReadConsent"/>),
/// so the answer is one audited policy decision like every other use of consent.
/// </summary>
public sealed class CheckConsent(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public async Task<Result<ConsentCheck>> ExecuteAsync(ContactId contact, string purpose, string actor, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
            if (await ContactErrors.CheckAsync(work, contact, cancellationToken).ConfigureAwait(false) is { } missing)
            {
                return missing;
            }

            var decision = await gate.DecideAsync(work, contact, new GateRequest(PolicyActions.ReadConsent, actor, purpose), clock.UtcNow, cancellationToken).ConfigureAwait(false);
            var parsed = Domain.Consent.Purpose.Parse(purpose);
            var version = parsed.IsSuccess ? (await work.Consents.CurrentAsync(contact, parsed.Value, cancellationToken).ConfigureAwait(false))?.Version ?? 0 : 0;
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (decision.Reasons.Contains(ReasonCodes.UnknownPurpose) || decision.Reasons.Contains(ReasonCodes.PurposeRequired))
            {
                return ConsentGate.Denial(decision);
            }

            return new ConsentCheck(contact, parsed.Value.Key, StatusOf(decision), decision.Permitted, version, decision);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    private static string StatusOf(in PolicyDecision decision) =>
        decision.Permitted ? ConsentStatus.Granted.ToKey()
        : decision.Reasons.Contains(ReasonCodes.Revoked) ? ConsentStatus.Revoked.ToKey()
        : decision.Reasons.Contains(ReasonCodes.Expired) ? ConsentStatus.Expired.ToKey()
        : decision.Reasons.Contains(ReasonCodes.NotYetEffective) ? ConsentStatus.NotYetEffective.ToKey()
        : "missing";
}

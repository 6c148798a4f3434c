using Rapport.Application.Common;
using Rapport.Application.Contacts;
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
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            if (await KnownContact.CheckAsync(work, contact, cancellationToken).ConfigureAwait(false) is { } missing)
            {
                return missing;
            }

            // One read of the consent serves both the decision and the version shown with it.
            var snapshot = ConsentSnapshot.Create(contact, await work.Consents.CurrentAsync(contact, cancellationToken).ConfigureAwait(false));
            var decision = await gate.DecideAsync(snapshot, new GateRequest(PolicyActions.ReadConsent, actor, purpose), clock.UtcNow, cancellationToken).ConfigureAwait(false);
            if (ConsentGate.IsInvalidRequest(decision))
            {
                return ConsentGate.Denial(decision);
            }

            var key = decision.Purpose!;
            var version = snapshot.Grants.FirstOrDefault(g => g.Purpose.Key == key)?.Version ?? 0;
            return new ConsentCheck(contact, key, StatusOf(decision), decision.Permitted, version, decision);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    // The reasons say what state the consent is in; a missing one (nothing in effect, nothing ended) is "missing".
    private static string StatusOf(in PolicyDecision decision) =>
        decision.Permitted ? ConsentStatus.Granted.ToKey()
        : decision.Reasons.Select(r => r.Status).LastOrDefault(s => s is not null and not ConsentStatus.Unknown) is { } ended ? ended.ToKey()
        : "missing";
}

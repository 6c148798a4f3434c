using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Policy;

namespace Rapport.Application.Interactions;

/// <summary>
/// A contact's interactions, newest first, if the gate allows <see cref="PolicyActions.ReadInteractions"/> for the
/// purpose (none named: the business's own record keeping). The decision is audited in the read's transaction.
/// </summary>
public sealed class ShowTimeline(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public const int DefaultLimit = 100;

    public async Task<Result<Timeline>> ExecuteAsync(ContactId contactId, int limit, string? purpose, string actor, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 100_000)
        {
            return new Error(InteractionErrors.TimelineLimitInvalid, "limit must be between 1 and 100000", "limit");
        }

        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            if (!await work.Contacts.ExistsAsync(contactId, cancellationToken).ConfigureAwait(false))
            {
                return ContactErrors.Unknown(contactId);
            }

            var decision = await gate.DecideAsync(work, contactId, GateRequest.Read(PolicyActions.ReadInteractions, actor, purpose), clock.UtcNow, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return ConsentGate.Denial(decision);
            }

            var entries = await work.Interactions.TimelineAsync(contactId, limit, cancellationToken).ConfigureAwait(false);
            return Timeline.Of(contactId, entries);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }
}

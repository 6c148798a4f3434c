using Rapport.Application.Common;
using Rapport.Application.Consent;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Evaluate;

public sealed record EvaluatePolicyCommand(string Action, ContactId Contact, FieldKey? Field, EnforcementMode Mode, string Actor);

/// <summary>Decides one action for one contact on its current consent and records the decision in the audit log, in one transaction.</summary>
public sealed class EvaluatePolicy(IUnitOfWorkFactory unitOfWork, IClock clock, PolicyMatrix policy, IContactDirectory? contacts = null)
{
    public async Task<Result<PolicyDecision>> ExecuteAsync(EvaluatePolicyCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (contacts is not null && !await contacts.ExistsAsync(command.Contact, cancellationToken).ConfigureAwait(false))
        {
            return new Error("CONTACT_NOT_FOUND", $"no contact {command.Contact}", "contact");
        }

        var current = await work.Consents.CurrentAsync(command.Contact, cancellationToken).ConfigureAwait(false);
        var decision = policy.Evaluate(command.Action, ConsentSnapshot.Create(command.Contact, current), now, command.Mode, command.Field);
        await work.Audit.AppendAsync(PolicyAuditEvents.For(decision, command.Actor), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return decision;
    }
}

using Rapport.Application.Common;
using Rapport.Application.Consent;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.EvaluateBatch;

public sealed record EvaluatePolicyBatchCommand(string Action, IReadOnlyList<ContactId> Contacts, FieldKey? Field, EnforcementMode Mode, string Actor);

/// <summary>Decides one action for many contacts at one instant; all decisions are audited in a single transaction.</summary>
public sealed class EvaluatePolicyBatch(IUnitOfWorkFactory unitOfWork, IClock clock, PolicyMatrix policy, IContactDirectory? contacts = null)
{
    public const int MaxContacts = 100_000;

    public async Task<Result<IReadOnlyList<PolicyDecision>>> ExecuteAsync(EvaluatePolicyBatchCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Contacts.Count is 0 or > MaxContacts)
        {
            return new Error("BATCH_SIZE_INVALID", $"a batch holds between 1 and {MaxContacts} contacts", "contact");
        }

        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new ConsentSnapshot[command.Contacts.Count];
        for (var i = 0; i < snapshots.Length; i++)
        {
            var contact = command.Contacts[i];
            if (contacts is not null && !await contacts.ExistsAsync(contact, cancellationToken).ConfigureAwait(false))
            {
                return new Error("CONTACT_NOT_FOUND", $"no contact {contact}", "contact");
            }

            snapshots[i] = ConsentSnapshot.Create(contact, await work.Consents.CurrentAsync(contact, cancellationToken).ConfigureAwait(false));
        }

        var decisions = new PolicyDecision[snapshots.Length];
        policy.EvaluateBatch(command.Action, snapshots, now, command.Mode, decisions, command.Field);
        var events = new AuditEvent[decisions.Length];
        for (var i = 0; i < decisions.Length; i++)
        {
            events[i] = PolicyAuditEvents.For(decisions[i], command.Actor);
        }

        await work.Audit.AppendRangeAsync(events, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return decisions;
    }
}

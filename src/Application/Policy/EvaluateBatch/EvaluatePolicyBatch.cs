using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.EvaluateBatch;

public sealed record EvaluatePolicyBatchCommand(string Action, IReadOnlyList<ContactId> Contacts, FieldKey? Field, EnforcementMode Mode, string Actor, string? Purpose = null);

/// <summary>Asks the gate for one action for many contacts at one instant; all decisions are audited in a single transaction.</summary>
public sealed class EvaluatePolicyBatch(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public const int MaxContacts = 100_000;

    public async Task<Result<IReadOnlyList<PolicyDecision>>> ExecuteAsync(EvaluatePolicyBatchCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Contacts.Count is 0 or > MaxContacts)
        {
            return new Error(PolicyErrors.BatchSizeInvalid, $"a batch holds between 1 and {MaxContacts} contacts", "contact");
        }

        var now = clock.UtcNow;
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var contact in command.Contacts)
            {
                if (await KnownContact.CheckAsync(work, contact, cancellationToken).ConfigureAwait(false) is { } missing)
                {
                    return missing;
                }
            }

            var request = new GateRequest(command.Action, command.Actor, command.Purpose, command.Field, command.Mode);
            var decisions = await gate.DecideManyAsync(work, command.Contacts, request, now, cancellationToken).ConfigureAwait(false);
            return Result<IReadOnlyList<PolicyDecision>>.Success(decisions);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }
}

using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Evaluate;

/// <param name="Purpose">The purpose the caller names, for actions on a requested purpose (`read_contact`).</param>
public sealed record EvaluatePolicyCommand(string Action, ContactId Contact, FieldKey? Field, EnforcementMode Mode, string Actor, string? Purpose = null);

/// <summary>Asks the gate for one action for one contact; the decision is audited in the same transaction.</summary>
public sealed class EvaluatePolicy(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public async Task<Result<PolicyDecision>> ExecuteAsync(EvaluatePolicyCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.UtcNow;
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            if (await KnownContact.CheckAsync(work, command.Contact, cancellationToken).ConfigureAwait(false) is { } missing)
            {
                return missing;
            }

            var request = new GateRequest(command.Action, command.Actor, command.Purpose, command.Field, command.Mode);
            var decision = await gate.DecideAsync(work, command.Contact, request, now, cancellationToken).ConfigureAwait(false);
            return decision;
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }
}

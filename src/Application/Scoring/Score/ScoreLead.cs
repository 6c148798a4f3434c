using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;

namespace Rapport.Application.Scoring;

/// <summary>
/// Scores one contact as a lead with the rule-based score (<see cref="LeadScoring"/>), only if the gate allows
/// <see cref="PolicyActions.ScoreLead"/> — the contact consented to analytics — and with the decision audited before
/// the score is answered. Nothing of the contact is read for the score before the decision.
/// </summary>
public sealed class ScoreLead(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, LeadScoreWeights? weights = null)
{
    /// <summary>The newest interactions read: more than any window of the score needs.</summary>
    public const int InteractionsRead = 1_000;

    private readonly LeadScoreWeights _weights = weights ?? LeadScoreWeights.Default;

    public async Task<Result<LeadScore>> ExecuteAsync(ContactId contactId, string actor, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            if (!await work.Contacts.ExistsAsync(contactId, cancellationToken).ConfigureAwait(false))
            {
                return ContactErrors.Unknown(contactId);
            }

            var now = clock.UtcNow;
            var decision = await gate.DecideAsync(work, contactId, new GateRequest(PolicyActions.ScoreLead, actor), now, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return ConsentGate.Denial(decision);
            }

            var contact = await work.Contacts.GetAsync(contactId, cancellationToken).ConfigureAwait(false);
            if (contact is null)
            {
                return ContactErrors.Unknown(contactId);
            }

            return await ScoreAsync(work, contact, _weights, now, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    /// <summary>Scores a contact the gate already allowed: its newest interactions and its deals, read in <paramref name="work"/>.</summary>
    internal static async Task<LeadScore> ScoreAsync(IReadUnitOfWork work, Contact contact, LeadScoreWeights weights, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interactions = await work.Interactions.TimelineAsync(contact.Id, InteractionsRead, cancellationToken).ConfigureAwait(false);
        var deals = await work.Deals.ListAsync(new DealFilter(ContactId: contact.Id), cancellationToken).ConfigureAwait(false);
        return LeadScoring.Score(contact, interactions, Qualifications.Of(deals), weights, now);
    }
}

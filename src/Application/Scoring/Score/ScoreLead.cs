using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;
using Rapport.Domain.Scoring.Learning.Encoding;

namespace Rapport.Application.Scoring;

/// <summary>
/// Scores one contact as a lead, only if the gate allows <see cref="PolicyActions.ScoreLead"/> — the contact consented
/// to analytics — and with the decision audited before the score is answered: the rule-based score
/// (<see cref="LeadScoring"/>) and, with the node's newest conversion model, each open deal's learned chance of being
/// won with its explanation. Nothing of the contact is read for the score before the decision.
/// </summary>
public sealed class ScoreLead(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, LeadScoreWeights? weights = null)
{
    /// <summary>The newest interactions read: more than any window of the score needs.</summary>
    public const int InteractionsRead = 1_000;

    private readonly LeadScoreWeights _weights = weights ?? LeadScoreWeights.Default;

    public async Task<Result<ScoredContact>> ExecuteAsync(ContactId contactId, string actor, CancellationToken cancellationToken = default)
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

            var interactions = await work.Interactions.TimelineAsync(contact.Id, InteractionsRead, cancellationToken).ConfigureAwait(false);
            var deals = await work.Deals.ListAsync(new DealFilter(ContactId: contact.Id), cancellationToken).ConfigureAwait(false);
            var lead = LeadScoring.Score(contact, interactions, Qualifications.Of(deals), _weights, now);
            var model = await work.Models.LatestAsync(ModelTask.Conversion, cancellationToken).ConfigureAwait(false);
            if (model is null || !deals.Any(d => d.IsOpen))
            {
                return new ScoredContact(lead, []);
            }

            var decoded = LearnedModelCodec.Decode(model.Model);
            if (decoded.IsFailure)
            {
                return decoded.Error;
            }

            var conversions = deals
                .Where(d => d.IsOpen)
                .OrderBy(d => d.CreatedAt)
                .Select(d => new DealConversion(d.Id, d.Title, model.Card.Id, decoded.Value.Explain(DealFeatures.Of(d, contact, interactions, deals, now))))
                .ToList();
            return new ScoredContact(lead, conversions);
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

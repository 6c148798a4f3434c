using Rapport.Application.Common;
using Rapport.Application.Pipeline;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring.Models;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring;

/// <summary>
/// Scores one contact as a lead, only if the gate allows <see cref="PolicyActions.ScoreLead"/> — the contact consented
/// to analytics — and with the decision audited before the score is answered: the rule-based score
/// (<see cref="LeadScoring"/>), the relationship strength (<see cref="RelationshipStrength"/>) and, with the node's newest conversion model, each open deal's learned chance of being
/// won with its explanation. Nothing of the contact is read for the score before the decision.
/// </summary>
public sealed class ScoreLead(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, ILeadWeightsSource weights)
{
    /// <summary>The newest interactions read: more than any window of the score needs.</summary>
    public const int InteractionsRead = 1_000;

    public async Task<Result<ScoredContact>> ExecuteAsync(ContactId contactId, string actor, CancellationToken cancellationToken = default)
    {
        // The business's weights are read before anything of the contact: a broken weights file refuses the score.
        var current = weights.Current;
        if (!current.TryGetValue(out var leadWeights))
        {
            return current.Error;
        }

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

            var models = await NodeModels.LoadAsync(work, cancellationToken).ConfigureAwait(false);
            if (models.IsFailure)
            {
                return models.Error;
            }

            return await ScoreAsync(work, contact, leadWeights, models.Value, now, explain: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    /// <summary>
    /// Scores a contact the gate already allowed, from its newest interactions and its deals read in
    /// <paramref name="work"/>: the lead score and relationship strength, and with the node's models each open deal's
    /// chance of being won and, for a customer who has not left, the chance of leaving (explained when <paramref name="explain"/>).
    /// </summary>
    internal static async Task<ScoredContact> ScoreAsync(
        IReadUnitOfWork work, Contact contact, LeadScoreWeights weights, NodeModels models, DateTimeOffset now, bool explain, CancellationToken cancellationToken)
    {
        var interactions = await work.Interactions.TimelineAsync(contact.Id, InteractionsRead, cancellationToken).ConfigureAwait(false);
        var deals = await work.Deals.ListAsync(new DealFilter(ContactId: contact.Id), cancellationToken).ConfigureAwait(false);
        var lead = LeadScoring.Score(contact, interactions, Qualifications.Of(deals), weights, now);
        var strength = RelationshipStrength.Score(interactions, now, await SharedActivityAsync(work, contact, cancellationToken).ConfigureAwait(false));
        var churn = models.Churn is { } churnModel && new CustomerHistory(contact, interactions, deals).IsCustomer && !ChurnFeatures.HasLeft(contact)
            ? Risk(churnModel, ChurnFeatures.Of(contact, interactions, deals, now), explain)
            : null;
        if (models.Conversion is not { } conversion || !deals.Any(d => d.IsOpen))
        {
            return new ScoredContact(lead, strength, [], churn);
        }

        var conversions = new List<DealConversion>();
        foreach (var deal in deals.Where(d => d.IsOpen).OrderBy(d => d.CreatedAt))
        {
            var row = DealFeatures.Of(deal, contact, interactions, deals, now);
            var explanation = explain ? conversion.Model.Explain(row) : null;
            conversions.Add(new DealConversion(deal.Id, deal.Title, conversion.Card.Id, explanation?.Score ?? conversion.Model.Score(row), explanation));
        }

        return new ScoredContact(lead, strength, conversions, churn);
    }

    // When each side last wrote to the contact's shared record: its version vector, never its content.
    private static async Task<SharedRecordActivity?> SharedActivityAsync(IReadUnitOfWork work, Contact contact, CancellationToken cancellationToken)
    {
        if (contact.PeerId is not { } peer)
        {
            return null;
        }

        var record = await work.SharedRecords.FindByCustomerAsync(peer.ToString(), cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        DateTimeOffset? LastWrite(string node) => record.Versions.Get(node) is { } stamp ? DateTimeOffset.FromUnixTimeMilliseconds(stamp.PhysicalMs) : null;
        return new SharedRecordActivity(LastWrite(record.Pair.BusinessPeerId), LastWrite(record.Pair.CustomerPeerId));
    }

    private static ChurnRisk Risk(LoadedModel model, IReadOnlyList<FeatureValue> row, bool explain)
    {
        var explanation = explain ? model.Model.Explain(row) : null;
        return new ChurnRisk(model.Card.Id, explanation?.Score ?? model.Model.Score(row), explanation);
    }
}

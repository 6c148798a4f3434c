using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring.Models;
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
/// (<see cref="LeadScoring"/>), the relationship strength (<see cref="RelationshipStrength"/>) and, with the node's newest conversion model, each open deal's learned chance of being
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

            var model = await ConversionModelAsync(work, cancellationToken).ConfigureAwait(false);
            if (model.IsFailure)
            {
                return model.Error;
            }

            return await ScoreAsync(work, contact, _weights, model.Value, now, explain: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    /// <summary>The node's newest conversion model, decoded; none before the first `rapport scoring train`.</summary>
    internal static async Task<Result<LoadedModel?>> ConversionModelAsync(IReadUnitOfWork work, CancellationToken cancellationToken)
    {
        var stored = await work.Models.LatestAsync(ModelTask.Conversion, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Result<LoadedModel?>.Success(null);
        }

        var decoded = LearnedModelCodec.Decode(stored.Model);
        return decoded.IsFailure ? decoded.Error : new LoadedModel(stored.Card, decoded.Value);
    }

    /// <summary>
    /// Scores a contact the gate already allowed, from its newest interactions and its deals read in
    /// <paramref name="work"/>: the lead score, and with <paramref name="conversion"/> each open deal's chance of being
    /// won (explained when <paramref name="explain"/>).
    /// </summary>
    internal static async Task<ScoredContact> ScoreAsync(
        IReadUnitOfWork work, Contact contact, LeadScoreWeights weights, LoadedModel? conversion, DateTimeOffset now, bool explain, CancellationToken cancellationToken)
    {
        var interactions = await work.Interactions.TimelineAsync(contact.Id, InteractionsRead, cancellationToken).ConfigureAwait(false);
        var deals = await work.Deals.ListAsync(new DealFilter(ContactId: contact.Id), cancellationToken).ConfigureAwait(false);
        var lead = LeadScoring.Score(contact, interactions, Qualifications.Of(deals), weights, now);
        var strength = RelationshipStrength.Score(interactions, now);
        if (conversion is null || !deals.Any(d => d.IsOpen))
        {
            return new ScoredContact(lead, strength, []);
        }

        var conversions = new List<DealConversion>();
        foreach (var deal in deals.Where(d => d.IsOpen).OrderBy(d => d.CreatedAt))
        {
            var row = DealFeatures.Of(deal, contact, interactions, deals, now);
            var explanation = explain ? conversion.Model.Explain(row) : null;
            conversions.Add(new DealConversion(deal.Id, deal.Title, conversion.Card.Id, explanation?.Score ?? conversion.Model.Score(row), explanation));
        }

        return new ScoredContact(lead, strength, conversions);
    }
}

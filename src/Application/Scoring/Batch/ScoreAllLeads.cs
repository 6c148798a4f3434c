using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring.Cache;
using Rapport.Domain.Common;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;

namespace Rapport.Application.Scoring;

/// <summary>One contact's scores in a batch.</summary>
public sealed record ScoredLead(Domain.Contacts.ContactId Contact, ScoredContact Scores);

/// <summary>A batch's scores, and how many of them the score cache kept (those whose inputs did not change meanwhile).</summary>
public sealed record BatchScores(IReadOnlyList<ScoredLead> Leads, int Cached);

/// <summary>How far a batch is: contacts decided so far, and how many of them were scored.</summary>
public readonly record struct BatchProgress(int Decided, int Scored);

/// <summary>
/// Scores every contact the gate lets the business score (<see cref="PolicyActions.ScoreLead"/>: consent to
/// analytics). Only contacts holding an analytics consent record are candidates; each is decided on one read snapshot
/// and all decisions are audited as one compact entry before any score is returned. Contacts without consent are
/// neither read nor scored.
/// </summary>
public sealed class ScoreAllLeads(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, ILeadWeightsSource weights)
{
    public async Task<Result<BatchScores>> ExecuteAsync(string actor, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // The business's weights are read before any contact: a broken weights file refuses the batch.
        var current = weights.Current;
        if (current.IsFailure)
        {
            return current.Error;
        }

        var leadWeights = current.Value;
        try
        {
            IReadOnlyList<ScoredLead> scored;
            IReadOnlyList<CachedScore> cache;
            await using (var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = clock.UtcNow;
                var models = await NodeModels.LoadAsync(work, cancellationToken).ConfigureAwait(false);
                if (models.IsFailure)
                {
                    return models.Error;
                }

                var bulk = gate.BeginBulk(new GateRequest(PolicyActions.ScoreLead, actor), now);
                var leads = new List<ScoredLead>();
                await foreach (var contact in ConsentedContacts.AllowedAsync(
                    work, gate, bulk, PolicyActions.ScoreLead, decided => progress?.Report(new BatchProgress(decided, leads.Count)), cancellationToken).ConfigureAwait(false))
                {
                    leads.Add(new ScoredLead(contact.Id, await ScoreLead.ScoreAsync(work, contact, leadWeights, models.Value, now, explain: false, cancellationToken).ConfigureAwait(false)));
                }

                cache = await CacheEntriesAsync(work, leads, leadWeights, now, cancellationToken).ConfigureAwait(false);

                // Every decision, allowed or not, durable before any score leaves.
                await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
                scored = leads;
            }

            await using var write = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
            var kept = await write.Scores.PutAsync(cache, cancellationToken).ConfigureAwait(false);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new BatchScores(scored, kept);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    // The batch's scores as the cache keeps them, each with the contact's inputs version on this snapshot.
    private async Task<IReadOnlyList<CachedScore>> CacheEntriesAsync(IReadUnitOfWork work, IReadOnlyList<ScoredLead> leads, LeadScoreWeights leadWeights, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = new List<CachedScore>();
        foreach (var chunk in leads.Chunk(ConsentedContacts.StepSize))
        {
            var versions = await work.Scores.InputsVersionsAsync([.. chunk.Select(l => l.Contact)], cancellationToken).ConfigureAwait(false);
            foreach (var lead in chunk)
            {
                var inputs = versions[lead.Contact];
                entries.Add(new CachedScore(lead.Contact, ScoreKind.Lead, "", $"weights v{leadWeights.Version}", lead.Scores.Lead.Total, now, inputs));
                entries.Add(new CachedScore(lead.Contact, ScoreKind.Strength, "", $"strength v{StrengthScore.Version}", lead.Scores.Strength.Total, now, inputs));
                if (lead.Scores.Churn is { } churn)
                {
                    entries.Add(new CachedScore(lead.Contact, ScoreKind.Churn, "", churn.Model.ToString(), churn.Score.Probability, now, inputs));
                }

                entries.AddRange(lead.Scores.Deals.Select(d => new CachedScore(lead.Contact, ScoreKind.Conversion, d.Deal.ToString(), d.Model.ToString(), d.Score.Probability, now, inputs)));
            }
        }

        return entries;
    }
}

using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;

namespace Rapport.Application.Scoring;

/// <summary>One contact's score in a batch.</summary>
public sealed record ScoredLead(Domain.Contacts.ContactId Contact, LeadScore Score);

/// <summary>How far a batch is: contacts decided so far, and how many of them were scored.</summary>
public readonly record struct BatchProgress(int Decided, int Scored);

/// <summary>
/// Scores every contact the gate lets the business score (<see cref="PolicyActions.ScoreLead"/>: consent to
/// analytics). Only contacts holding an analytics consent record are candidates; each is decided on one read snapshot
/// and all decisions are audited as one compact entry before any score is returned. Contacts without consent are
/// neither read nor scored.
/// </summary>
public sealed class ScoreAllLeads(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, LeadScoreWeights? weights = null)
{
    private readonly LeadScoreWeights _weights = weights ?? LeadScoreWeights.Default;

    public async Task<Result<IReadOnlyList<ScoredLead>>> ExecuteAsync(string actor, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var now = clock.UtcNow;
            var bulk = gate.BeginBulk(new GateRequest(PolicyActions.ScoreLead, actor), now);
            var scored = new List<ScoredLead>();
            await foreach (var contact in ConsentedContacts.AllowedAsync(
                work, gate, bulk, PolicyActions.ScoreLead, decided => progress?.Report(new BatchProgress(decided, scored.Count)), cancellationToken).ConfigureAwait(false))
            {
                scored.Add(new ScoredLead(contact.Id, await ScoreLead.ScoreAsync(work, contact, _weights, now, cancellationToken).ConfigureAwait(false)));
            }

            // Every decision, allowed or not, durable before any score leaves.
            await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
            return scored;
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }
}

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
    /// <summary>Candidates read and decided per step.</summary>
    public const int StepSize = 1_000;

    private readonly LeadScoreWeights _weights = weights ?? LeadScoreWeights.Default;

    public async Task<Result<IReadOnlyList<ScoredLead>>> ExecuteAsync(string actor, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var now = clock.UtcNow;
            var bulk = gate.BeginBulk(new GateRequest(PolicyActions.ScoreLead, actor), now);
            var candidatesFor = gate.Policy.RuleFor(PolicyActions.ScoreLead)?.RequiredPurposes.FirstOrDefault() ?? Purpose.Analytics;
            var scored = new List<ScoredLead>();
            ContactCursor? after = null;
            while (true)
            {
                var candidates = await work.Contacts.PageAsync(new ContactPageQuery(new ContactFilter(), after, StepSize, candidatesFor), cancellationToken).ConfigureAwait(false);
                if (candidates.Count == 0)
                {
                    break;
                }

                var decisions = await bulk.DecideInOrderAsync(work, [.. candidates.Select(c => c.Id)], candidates.Count, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < decisions.Count; i++)
                {
                    if (!decisions[i].Allowed)
                    {
                        continue;
                    }

                    var contact = candidates[i];
                    scored.Add(new ScoredLead(contact.Id, await ScoreLead.ScoreAsync(work, contact, _weights, now, cancellationToken).ConfigureAwait(false)));
                }

                progress?.Report(new BatchProgress(bulk.Count, scored.Count));
                after = new ContactCursor(candidates[^1].Name.Value, candidates[^1].Id);
                if (candidates.Count < StepSize)
                {
                    break;
                }
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

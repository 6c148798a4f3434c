namespace Rapport.Application.Scoring;

/// <summary>
/// A contact's scores: the rule-based lead score and the relationship strength with their components; for each open
/// deal the learned chance that it is won (none while the node has no conversion model: `rapport scoring train`); and
/// for a customer the learned chance of leaving (none without a churn model: `rapport scoring train --task churn`).
/// </summary>
public sealed record ScoredContact(Domain.Scoring.LeadScore Lead, Domain.Scoring.StrengthScore Strength, IReadOnlyList<DealConversion> Deals, ChurnRisk? Churn = null);

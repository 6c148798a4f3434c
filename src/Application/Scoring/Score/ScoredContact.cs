namespace Rapport.Application.Scoring;

/// <summary>
/// A contact's scores: the rule-based lead score and the relationship strength with their components, and for each
/// open deal the learned chance that it is won (none while the node has no conversion model: `rapport scoring train`).
/// </summary>
public sealed record ScoredContact(Domain.Scoring.LeadScore Lead, Domain.Scoring.StrengthScore Strength, IReadOnlyList<DealConversion> Deals);

namespace Rapport.Domain.Scoring.Learning;

/// <summary>How one learner did in the cross-validation that chose a model.</summary>
public sealed record CandidateResult(Learner Learner, ModelMetrics Metrics);

using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring;

/// <summary>The learned chance that a customer leaves, with the model that gave it, and its explanation when asked for.</summary>
public sealed record ChurnRisk(ModelId Model, ModelScore Score, ScoreExplanation? Explanation);

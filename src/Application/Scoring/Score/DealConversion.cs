using Rapport.Domain.Pipeline;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring;

/// <summary>The learned chance that an open deal is won, with the model that gave it, and its explanation when asked for.</summary>
public sealed record DealConversion(DealId Deal, string Title, ModelId Model, ModelScore Score, ScoreExplanation? Explanation);

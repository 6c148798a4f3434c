using Rapport.Domain.Pipeline;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring;

/// <summary>The learned chance that an open deal is won, explained, with the model that gave it.</summary>
public sealed record DealConversion(DealId Deal, string Title, ModelId Model, ScoreExplanation Explanation);

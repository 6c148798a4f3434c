using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>One row of a table scored by a model: its line in the file and the explained score.</summary>
public sealed record TabularPrediction(int Line, ScoreExplanation Explanation);

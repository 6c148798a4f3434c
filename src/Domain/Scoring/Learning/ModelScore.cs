namespace Rapport.Domain.Scoring.Learning;

/// <summary>A learned model's score of one row: the raw score and its calibrated probability of the positive outcome.</summary>
public readonly record struct ModelScore(double Raw, double Probability);

namespace Rapport.Domain.Scoring.Learning;

/// <summary>How much one column's value moved a row's raw score away from the baseline (up when positive).</summary>
public sealed record ColumnContribution(string Column, FeatureValue Value, double Amount);

namespace Rapport.Domain.Scoring.Learning;

/// <summary>A named column of the rows a model learns from and scores.</summary>
public sealed record FeatureColumn(string Name, ColumnKind Kind);

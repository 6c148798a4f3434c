namespace Rapport.Application.Scoring.Tabular;

/// <summary>Learn to predict <paramref name="Label"/> = <paramref name="Positive"/> from the other columns of a table, except <paramref name="Drop"/>.</summary>
public sealed record TabularTrainingRequest(string Label, string Positive, IReadOnlyList<string> Drop, int Seed = Learning.LearningOptions.DefaultSeed);

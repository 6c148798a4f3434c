namespace Rapport.Domain.Scoring.Learning;

/// <summary>A model's quality, averaged over the folds of a cross-validation (threshold 0.5 for accuracy and F1).</summary>
public sealed record ModelMetrics(double Auc, double Accuracy, double F1, int Folds);

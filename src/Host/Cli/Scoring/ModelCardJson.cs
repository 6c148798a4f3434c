using Rapport.Domain.Scoring.Learning;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>A model card as `--json` prints it.</summary>
internal sealed record ModelCardJson(
    string Id, string Task, string Learner, string Label, IReadOnlyList<object> Columns, string DataSnapshot, string FeatureConfiguration, string Model,
    MetricsJson Metrics, IReadOnlyList<object> Candidates, int Rows, int Positives, int Seed, double TrainingSeconds, DateTimeOffset TrainedAt)
{
    public static ModelCardJson Of(ModelCard card) => new(
        card.Id.ToString(), card.Task.ToString(), card.Learner.ToString(), card.Label,
        [.. card.Columns.Select(c => new { name = c.Name, kind = c.Kind.ToString().ToLowerInvariant() })],
        card.DataSnapshotHash, card.FeatureConfigurationHash, card.ArtifactHash, MetricsJson.Of(card.Metrics),
        [.. card.Candidates.Select(c => new { learner = c.Learner.ToString(), metrics = MetricsJson.Of(c.Metrics) })],
        card.Rows, card.Positives, card.Seed, Math.Round(card.TrainingTime.TotalSeconds, 3), card.TrainedAt);
}

/// <summary>A learner's cross-validated metrics as `--json` prints them.</summary>
internal sealed record MetricsJson(double Auc, double Accuracy, double F1, int Folds)
{
    public static MetricsJson Of(ModelMetrics metrics) => new(metrics.Auc, metrics.Accuracy, metrics.F1, metrics.Folds);
}

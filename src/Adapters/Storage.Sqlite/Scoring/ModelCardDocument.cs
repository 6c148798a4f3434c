using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Storage.Sqlite.Scoring;

/// <summary>The stored JSON form of a <see cref="ModelCard"/>; field names are part of the store's format.</summary>
internal sealed record ModelCardDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("task")] ModelTask Task,
    [property: JsonPropertyName("learner")] Learner Learner,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("columns")] ColumnDocument[] Columns,
    [property: JsonPropertyName("data_snapshot")] string DataSnapshotHash,
    [property: JsonPropertyName("feature_configuration")] string FeatureConfigurationHash,
    [property: JsonPropertyName("model")] string ArtifactHash,
    [property: JsonPropertyName("metrics")] MetricsDocument Metrics,
    [property: JsonPropertyName("candidates")] CandidateDocument[] Candidates,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("positives")] int Positives,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("training_ms")] long TrainingMilliseconds,
    [property: JsonPropertyName("trained_at")] DateTimeOffset TrainedAt)
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(ModelCard card) => JsonSerializer.Serialize(
        new ModelCardDocument(
            card.Id.ToString(),
            card.Task,
            card.Learner,
            card.Label,
            [.. card.Columns.Select(c => new ColumnDocument(c.Name, c.Kind))],
            card.DataSnapshotHash,
            card.FeatureConfigurationHash,
            card.ArtifactHash,
            MetricsDocument.Of(card.Metrics),
            [.. card.Candidates.Select(c => new CandidateDocument(c.Learner, MetricsDocument.Of(c.Metrics)))],
            card.Rows,
            card.Positives,
            card.Seed,
            (long)card.TrainingTime.TotalMilliseconds,
            card.TrainedAt),
        Options);

    public static ModelCard Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<ModelCardDocument>(json, Options) ?? throw new JsonException("an empty model card");
        return new ModelCard(
            ModelId.TryParse(document.Id, out var id) ? id : throw new JsonException($"a model card with the id '{document.Id}'"),
            document.Task,
            document.Learner,
            document.Label,
            [.. document.Columns.Select(c => new FeatureColumn(c.Name, c.Kind))],
            document.DataSnapshotHash,
            document.FeatureConfigurationHash,
            document.ArtifactHash,
            document.Metrics.ToMetrics(),
            [.. document.Candidates.Select(c => new CandidateResult(c.Learner, c.Metrics.ToMetrics()))],
            document.Rows,
            document.Positives,
            document.Seed,
            TimeSpan.FromMilliseconds(document.TrainingMilliseconds),
            document.TrainedAt);
    }
}

internal sealed record ColumnDocument([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("kind")] ColumnKind Kind);

internal sealed record CandidateDocument([property: JsonPropertyName("learner")] Learner Learner, [property: JsonPropertyName("metrics")] MetricsDocument Metrics);

internal sealed record MetricsDocument(
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("folds")] int Folds)
{
    public static MetricsDocument Of(ModelMetrics metrics) => new(metrics.Auc, metrics.Accuracy, metrics.F1, metrics.Folds);

    public ModelMetrics ToMetrics() => new(Auc, Accuracy, F1, Folds);
}

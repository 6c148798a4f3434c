using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// What a trained model is and how it was made, kept with it: the content identifiers of its training rows (the
/// consented, pseudonymised feature rows and labels — never names or identifiers), of its feature configuration and of
/// its stored bytes; its cross-validated metrics and those of the learners it beat; the row counts and the training
/// time. Nothing in a card is personal data.
/// </summary>
/// <param name="Label">What the positive outcome is, e.g. <c>churn = yes</c> or <c>deal won</c>.</param>
/// <param name="Columns">The columns the model reads, in order.</param>
public sealed record ModelCard(
    ModelId Id,
    ModelTask Task,
    Learner Learner,
    string Label,
    ImmutableArray<FeatureColumn> Columns,
    string DataSnapshotHash,
    string FeatureConfigurationHash,
    string ArtifactHash,
    ModelMetrics Metrics,
    ImmutableArray<CandidateResult> Candidates,
    int Rows,
    int Positives,
    int Seed,
    TimeSpan TrainingTime,
    DateTimeOffset TrainedAt);

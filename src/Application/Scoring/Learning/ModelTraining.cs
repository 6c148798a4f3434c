using System.Buffers.Binary;
using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Scoring.Learning;
using Rapport.Domain.Scoring.Learning.Encoding;

namespace Rapport.Application.Scoring.Learning;

/// <summary>
/// The one way a model is made, from any labelled rows: fit the encoding, encode, learn (<see cref="IModelLearner"/>),
/// and write the card — the content identifiers of the encoded training rows, of the feature configuration and of the
/// model's bytes, the metrics, the counts and the time it took.
/// </summary>
public sealed class ModelTraining(IModelLearner learner, IClock clock, IIdGenerator ids)
{
    public async Task<TrainedModel> TrainAsync(
        TrainingSet set,
        ModelTask task,
        string label,
        LearningOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var started = clock.UtcNow;
        var encoding = FeatureEncoding.Fit(set.Columns, set.Rows);
        var labels = set.Labels.ToArray();
        var matrix = set.Encode(encoding);
        var outcome = await learner.LearnAsync(new TrainingMatrix(matrix, encoding.Width, labels), options, progress, cancellationToken).ConfigureAwait(false);

        var model = new LearnedModel(outcome.Chosen, encoding, outcome.Predictor, outcome.Calibration);
        var bytes = LearnedModelCodec.Encode(model);
        var finished = clock.UtcNow;
        var card = new ModelCard(
            new ModelId(ids.NewId()),
            task,
            outcome.Chosen,
            label,
            set.Columns,
            SnapshotHash(matrix, encoding.Width, labels),
            LearnedModelCodec.HashOf(encoding).ToString(),
            LearnedModelCodec.HashOf(bytes).ToString(),
            outcome.Metrics,
            [.. outcome.Candidates],
            labels.Length,
            labels.Count(l => l),
            options.Seed,
            finished - started,
            finished);
        return new TrainedModel(card, model, bytes);
    }

    public const string TrainedAction = "scoring.model.trained";

    /// <summary>Keeps a trained model with its card and audits it (<see cref="Trained"/>), in one transaction.</summary>
    public static async Task KeepAsync(IUnitOfWorkFactory unitOfWork, TrainedModel trained, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(trained);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Models.AddAsync(trained.Card, trained.Bytes, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(Trained(trained.Card, actor), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The audit entry of a trained model: its card's hashes and metrics, nothing personal.</summary>
    public static AuditEvent Trained(ModelCard card, string actor) => new(
        card.TrainedAt,
        actor,
        TrainedAction,
        $"model:{card.Id}",
        null,
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"task={card.Task} learner={card.Learner} rows={card.Rows} positives={card.Positives} auc={card.Metrics.Auc:F4} data={card.DataSnapshotHash} features={card.FeatureConfigurationHash} model={card.ArtifactHash}"));

    /// <summary>The content identifier of the training rows as the learner saw them: encoded (pseudonymised) features and labels.</summary>
    public static string SnapshotHash(ReadOnlySpan<float> matrix, int width, ReadOnlySpan<bool> labels)
    {
        var bytes = new byte[8 + (matrix.Length * 4) + labels.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), labels.Length);
        var o = 8;
        foreach (var value in matrix)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(o), value);
            o += 4;
        }

        foreach (var label in labels)
        {
            bytes[o++] = label ? (byte)1 : (byte)0;
        }

        return LearnedModelCodec.HashOf(bytes).ToString();
    }
}

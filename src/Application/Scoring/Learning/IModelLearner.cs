namespace Rapport.Application.Scoring.Learning;

/// <summary>
/// Learns a binary model from encoded rows: cross-validates every candidate learner with the same folds, keeps the one
/// with the best mean AUC and fits it on all rows. The answer is the node's own model types, ready to score and
/// explain without the learning library.
/// </summary>
public interface IModelLearner
{
    Task<LearningOutcome> LearnAsync(TrainingMatrix matrix, LearningOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}

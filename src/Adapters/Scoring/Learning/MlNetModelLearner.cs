using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Scoring.Learning;

/// <summary>
/// <see cref="IModelLearner"/> on ML.NET: FastTree and LightGBM boosted trees and an L-BFGS logistic-regression
/// baseline, with their default settings, each cross-validated on the same stratified folds; the best mean AUC is
/// fitted on all rows and exported to the node's own model types (trees with their training covers, or weights with
/// the training means). One thread and a fixed seed: the same rows always give the same model, bit for bit.
/// </summary>
public sealed class MlNetModelLearner : IModelLearner
{
    public Task<LearningOutcome> LearnAsync(TrainingMatrix matrix, LearningOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Learn(matrix, options, progress, cancellationToken), cancellationToken);

    private static LearningOutcome Learn(TrainingMatrix matrix, LearningOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var ml = new MLContext(options.Seed);
        var rows = new TrainingRows(ml, matrix);
        var foldOf = StratifiedFolds.Assign(matrix.Labels, options.Folds, options.Seed);
        var steps = (options.Candidates.Count * options.Folds) + 1;
        var step = 0;

        var candidates = new List<CandidateResult>();
        foreach (var learner in options.Candidates)
        {
            var folds = new List<(double Auc, double Accuracy, double F1)>();
            for (var fold = 0; fold < options.Folds; fold++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new TrainingProgress(++step, steps, $"cross-validating {learner}, fold {fold + 1} of {options.Folds}"));
                var k = fold;
                var model = Trainer(ml, learner, options.Seed).Fit(rows.Where(r => foldOf[r] != k));
                var metrics = ml.BinaryClassification.Evaluate(model.Transform(rows.Where(r => foldOf[r] == k)));
                folds.Add((metrics.AreaUnderRocCurve, metrics.Accuracy, double.IsNaN(metrics.F1Score) ? 0 : metrics.F1Score));
            }

            candidates.Add(new CandidateResult(learner, new ModelMetrics(folds.Average(f => f.Auc), folds.Average(f => f.Accuracy), folds.Average(f => f.F1), options.Folds)));
        }

        // The first candidate wins a tie: the order of the candidates is the order of preference.
        var chosen = candidates.Aggregate((best, next) => next.Metrics.Auc > best.Metrics.Auc ? next : best).Learner;
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress(++step, steps, $"fitting {chosen} on all {matrix.Rows} rows"));
        var fitted = Trainer(ml, chosen, options.Seed).Fit(rows.All());
        var (predictor, calibration) = ModelExport.From(((IPredictionTransformer<object>)fitted).Model, matrix);
        return new LearningOutcome(chosen, predictor, calibration, candidates);
    }

    internal static IEstimator<ITransformer> Trainer(MLContext ml, Learner learner, int seed) => learner switch
    {
        Learner.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfThreads = 1, Seed = seed }),
        Learner.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfThreads = 1, Seed = seed, Verbose = false, Silent = true }),
        Learner.LogisticRegression => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }),
        _ => throw new ArgumentOutOfRangeException(nameof(learner), learner, "no trainer for this learner"),
    };
}

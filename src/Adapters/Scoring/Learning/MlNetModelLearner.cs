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
        for (var c = 0; c < options.Candidates.Count; c++)
        {
            var learner = options.Candidates[c];
            var folds = new List<(double Auc, double Accuracy, double F1)>();
            try
            {
                for (var fold = 0; fold < options.Folds; fold++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new TrainingProgress(++step, steps, $"cross-validating {learner}, fold {fold + 1} of {options.Folds}"));
                    var k = fold;
                    var training = rows.Where(r => foldOf[r] != k);
                    var model = Trainer(ml, learner, options.Seed, foldOf.Count(f => f != k)).Fit(training);
                    var metrics = ml.BinaryClassification.Evaluate(model.Transform(rows.Where(r => foldOf[r] == k)));
                    folds.Add((metrics.AreaUnderRocCurve, metrics.Accuracy, double.IsNaN(metrics.F1Score) ? 0 : metrics.F1Score));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && learner != options.Candidates[^1])
            {
                // A learner that cannot fit these rows (ML.NET fails on some degenerate ensembles) drops out; the baseline stays.
                step = (c + 1) * options.Folds;
                progress?.Report(new TrainingProgress(step, steps, $"{learner} cannot learn from these rows ({ex.GetType().Name}); left out"));
                continue;
            }

            candidates.Add(new CandidateResult(learner, new ModelMetrics(folds.Average(f => f.Auc), folds.Average(f => f.Accuracy), folds.Average(f => f.F1), options.Folds)));
        }

        // The first candidate wins a tie: the order of the candidates is the order of preference.
        var chosen = candidates.Aggregate((best, next) => next.Metrics.Auc > best.Metrics.Auc ? next : best).Learner;
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress(++step, steps, $"fitting {chosen} on all {matrix.Rows} rows"));
        var fitted = Trainer(ml, chosen, options.Seed, matrix.Rows).Fit(rows.All());
        var (predictor, calibration) = ModelExport.From(((IPredictionTransformer<object>)fitted).Model, matrix);
        return new LearningOutcome(chosen, predictor, calibration, candidates);
    }

    private const int SmallDataShare = 20;

    // LightGBM's own min_data_in_leaf, which ML.NET leaves to it when the option is not set.
    private const int LightGbmDefaultLeaf = 20;

    /// <summary>
    /// The learner with its library defaults, except on few rows: a leaf then needs fewer rows (one twentieth of them),
    /// or no tree could split at all. From 400 rows on (FastTree: 200) the defaults hold.
    /// </summary>
    internal static IEstimator<ITransformer> Trainer(MLContext ml, Learner learner, int seed, int rows) => learner switch
    {
        Learner.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            Seed = seed,
            MinimumExampleCountPerLeaf = Math.Clamp(rows / SmallDataShare, 1, new FastTreeBinaryTrainer.Options().MinimumExampleCountPerLeaf),
        }),
        Learner.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            Seed = seed,
            Verbose = false,
            Silent = true,
            MinimumExampleCountPerLeaf = rows < LightGbmDefaultLeaf * SmallDataShare ? Math.Max(1, rows / SmallDataShare) : null,
        }),
        Learner.LogisticRegression => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }),
        _ => throw new ArgumentOutOfRangeException(nameof(learner), learner, "no trainer for this learner"),
    };
}

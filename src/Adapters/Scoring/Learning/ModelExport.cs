using System.Collections.Immutable;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Scoring.Learning;

/// <summary>
/// Copies a fitted ML.NET model into the node's own types: the trees (splits, thresholds, leaves, weights, bias) with
/// their covers counted on the training rows, or the linear weights with the training means; and the Platt calibration.
/// </summary>
internal static class ModelExport
{
    public static (Predictor Predictor, PlattCalibration Calibration) From(object model, TrainingMatrix matrix) => model switch
    {
        CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> fastTree =>
            (Trees(fastTree.SubModel.TrainedTreeEnsemble).CoveredBy(matrix.Features, matrix.Width), Calibration(fastTree.Calibrator)),
        CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> lightGbm =>
            (Trees(lightGbm.SubModel.TrainedTreeEnsemble).CoveredBy(matrix.Features, matrix.Width), Calibration(lightGbm.Calibrator)),
        CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> linear =>
            (new LinearPredictor([.. linear.SubModel.Weights.Select(w => (double)w)], linear.SubModel.Bias, LinearPredictor.MeansOf(matrix.Features, matrix.Width)), Calibration(linear.Calibrator)),
        _ => throw new NotSupportedException($"No export of {model.GetType().Name}."),
    };

    private static PlattCalibration Calibration(PlattCalibrator calibrator) => new(calibrator.Slope, calibrator.Offset);

    private static TreeEnsemble Trees(RegressionTreeEnsemble ensemble)
    {
        var trees = ImmutableArray.CreateBuilder<DecisionTree>(ensemble.Trees.Count);
        foreach (var tree in ensemble.Trees)
        {
            if (tree.CategoricalSplitFlags.Any(categorical => categorical))
            {
                // The node encodes categories itself (one-hot), so the learners never make categorical splits.
                throw new NotSupportedException("A categorical split: the export reads numeric splits only.");
            }

            var internalNodes = tree.NumberOfNodes;
            trees.Add(new DecisionTree(
                [.. tree.NumericalSplitFeatureIndexes.Take(internalNodes)],
                [.. tree.NumericalSplitThresholds.Take(internalNodes)],
                [.. tree.LeftChild.Take(internalNodes)],
                [.. tree.RightChild.Take(internalNodes)],
                [.. tree.LeafValues],
                [.. new double[internalNodes]],
                [.. new double[tree.NumberOfLeaves]]));
        }

        return new TreeEnsemble(trees.MoveToImmutable(), [.. ensemble.TreeWeights], ensemble.Bias);
    }
}

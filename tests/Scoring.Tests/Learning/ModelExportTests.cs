using Microsoft.ML;
using Microsoft.ML.Data;
using Rapport.Adapters.Scoring.Learning;
using Rapport.Adapters.Scoring.Tests.Support;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Scoring.Tests.Learning;

/// <summary>The node scores with its own copy of a trained model: it must give ML.NET's own scores, and explain them exactly.</summary>
public sealed class ModelExportTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(Learner.FastTree)]
    [InlineData(Learner.LightGbm)]
    [InlineData(Learner.LogisticRegression)]
    public void Exported_model_gives_mlnet_scores_and_contributions_sum_to_the_raw_score(Learner learner)
    {
        var matrix = ChurnData.Matrix;
        var ml = new MLContext(7);
        var rows = new TrainingRows(ml, matrix);
        var fitted = MlNetModelLearner.Trainer(ml, learner, 7, matrix.Rows).Fit(rows.All());
        var scored = fitted.Transform(rows.All());
        var mlScores = scored.GetColumn<float>("Score").ToArray();
        var mlProbabilities = scored.GetColumn<float>("Probability").ToArray();

        var (predictor, calibration) = ModelExport.From(((IPredictionTransformer<object>)fitted).Model, matrix);
        var baseline = predictor.Baseline;
        var contributions = new double[matrix.Width];
        for (var r = 0; r < matrix.Rows; r += 7)
        {
            var raw = predictor.RawScore(matrix.Row(r));
            Assert.Equal(mlScores[r], raw, Tolerance);
            Assert.Equal(mlProbabilities[r], calibration.Probability(raw), Tolerance);

            Array.Clear(contributions);
            predictor.Contributions(matrix.Row(r), contributions);
            Assert.Equal(raw, baseline + contributions.Sum(), Tolerance);
        }
    }

    [Fact]
    public void Explanations_by_column_sum_to_the_raw_score()
    {
        var matrix = ChurnData.Matrix;
        var ml = new MLContext(7);
        var fitted = MlNetModelLearner.Trainer(ml, Learner.FastTree, 7, matrix.Rows).Fit(new TrainingRows(ml, matrix).All());
        var (predictor, calibration) = ModelExport.From(((IPredictionTransformer<object>)fitted).Model, matrix);
        var model = new LearnedModel(Learner.FastTree, ChurnData.Encoding, predictor, calibration);

        foreach (var row in ChurnData.Set.Rows.Take(200))
        {
            var explanation = model.Explain(row);
            Assert.Equal(ChurnData.Encoding.Columns.Length, explanation.Contributions.Length);
            Assert.Equal(explanation.Score.Raw, explanation.Baseline + explanation.Contributions.Sum(c => c.Amount), Tolerance);
            Assert.True(explanation.ReasonsUp.Count() <= 3 && explanation.ReasonsDown.Count() <= 3);
        }
    }
}

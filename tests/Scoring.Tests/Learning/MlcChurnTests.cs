using Rapport.Adapters.Scoring.Learning;
using Rapport.Adapters.Scoring.Tests.Support;
using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Tabular;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Scoring.Tests.Learning;

public sealed class MlcChurnTests
{
    [Fact]
    public async Task Learns_churn_with_cross_validated_auc()
    {
        var table = TestData.ReadTable(TestData.MlcChurn);
        var set = TabularTrainingSet.From(table, new TabularTrainingRequest("churn", "yes", [])).Value;
        var training = new ModelTraining(new MlNetModelLearner(), new FixedClock(DateTimeOffset.UnixEpoch), new SequentialIds());

        var trained = await training.TrainAsync(set, ModelTask.Tabular, "churn = yes", new LearningOptions());

        foreach (var c in trained.Card.Candidates)
        {
            Console.WriteLine($"{c.Learner}: auc {c.Metrics.Auc:F4} acc {c.Metrics.Accuracy:F4} f1 {c.Metrics.F1:F4}");
        }

        Assert.True(trained.Card.Metrics.Auc >= 0.915, $"AUC {trained.Card.Metrics.Auc}");
    }
}

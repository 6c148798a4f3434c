using System.Diagnostics;
using System.Globalization;
using Rapport.Adapters.Scoring.Learning;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Scoring.Learning;
using Rapport.Host.Composition;

namespace Rapport.Bench.Scoring;

/// <summary>
/// Training time of the conversion model on synthetic closed deals (<see cref="SyntheticDeals"/>): the whole run (three
/// candidates × five folds, then the final fit), and each candidate alone fitted once on all rows.
/// </summary>
internal sealed class ScoringTrainBenchmark : IBenchmark
{
    public string Name => "scoring-train";

    public string Description => "conversion-model training time on N synthetic contacts' deals; args: [rows=100000]";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var set = SyntheticDeals.Generate(count, seed: 1);
        Console.WriteLine($"{count:N0} rows, {set.Positives:N0} won; load {MachineLoad.Average()}");
        foreach (var learner in new[] { Learner.FastTree, Learner.LightGbm, Learner.LogisticRegression })
        {
            var one = new ModelTraining(new MlNetModelLearner(), new SystemClock(), new TimeOrderedIds());
            var watch = Stopwatch.StartNew();
            var trained = await one.TrainAsync(set, ModelTask.Conversion, "deal won", new LearningOptions(Folds: 2, Learners: [learner]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{learner,-20} 2-fold CV + fit: {watch.Elapsed.TotalSeconds,6:0.0} s  auc {trained.Card.Metrics.Auc:0.0000}"));
        }

        var training = new ModelTraining(new MlNetModelLearner(), new SystemClock(), new TimeOrderedIds());
        var total = Stopwatch.StartNew();
        var full = await training.TrainAsync(set, ModelTask.Conversion, "deal won", new LearningOptions());
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"full run (3 candidates x 5 folds + fit): {total.Elapsed.TotalSeconds:0.0} s, chose {full.Card.Learner} auc {full.Card.Metrics.Auc:0.0000}; load {MachineLoad.Average()}"));
    }
}

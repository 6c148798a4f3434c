using System.Diagnostics;
using System.Globalization;
using Rapport.Adapters.Scoring.Learning;
using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Tabular;
using Rapport.Host.Composition;

namespace Rapport.Bench.Scoring;

/// <summary>
/// The tabular mode on mlc_churn: each candidate's 5-fold cross-validated AUC, accuracy and F1, and the whole
/// training run's time, once per seed (other seeds deal other folds: the figure must not hang on one split).
/// </summary>
internal sealed class MlcChurnBenchmark : IBenchmark
{
    public string Name => "scoring-mlc";

    public string Description => "mlc_churn: 5-fold CV AUC/accuracy/F1 per learner and training time; args: [seeds=3] [csv=tests/Scoring.Tests/Data/mlc_churn.csv]";

    public async Task RunAsync(string[] args)
    {
        var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var path = args.Length > 1 ? args[1] : Path.Combine("tests", "Scoring.Tests", "Data", "mlc_churn.csv");
        await using var stream = File.OpenRead(path);
        var table = (await TableCsv.ReadAsync(stream)).Value;
        var set = TabularTrainingSet.From(table, new TabularTrainingRequest("churn", "yes", [])).Value;
        var training = new ModelTraining(new MlNetModelLearner(), new SystemClock(), new TimeOrderedIds());
        Console.WriteLine($"{set.Rows.Count} rows, {set.Positives} positive; load {MachineLoad.Average()}");
        Console.WriteLine("seed       learner              auc     accuracy  f1      chosen  seconds");
        for (var s = 0; s < seeds; s++)
        {
            var seed = LearningOptions.DefaultSeed + s;
            var watch = Stopwatch.StartNew();
            var trained = await training.TrainAsync(set, Domain.Scoring.Learning.ModelTask.Tabular, "churn = yes", new LearningOptions(Seed: seed));
            var seconds = watch.Elapsed.TotalSeconds;
            foreach (var candidate in trained.Card.Candidates)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{seed,-10} {candidate.Learner,-20} {candidate.Metrics.Auc:0.0000}  {candidate.Metrics.Accuracy:0.0000}    {candidate.Metrics.F1:0.0000}  {(candidate.Learner == trained.Card.Learner ? "yes" : ""),-6}  {seconds:0.0}"));
            }
        }

        Console.WriteLine($"load after {MachineLoad.Average()}");
    }
}

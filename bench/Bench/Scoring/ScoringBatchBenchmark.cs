using System.Diagnostics;
using System.Globalization;
using Rapport.Adapters.Scoring.Learning;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Scoring.Learning;
using Rapport.Host.Composition;

namespace Rapport.Bench.Scoring;

/// <summary>
/// Batch scoring with a trained conversion model (FastTree defaults: 100 trees of 20 leaves) on one thread: rows per
/// second with explanations off (encode, raw score, probability), and the cost per score with explanations on
/// (TreeSHAP over every tree, contributions summed by column).
/// </summary>
internal sealed class ScoringBatchBenchmark : IBenchmark
{
    public string Name => "scoring-batch";

    public string Description => "batch scoring rate without explanations and cost per explained score; args: [rows=100000] [rounds=3]";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var training = new ModelTraining(new MlNetModelLearner(), new SystemClock(), new TimeOrderedIds());
        var trained = await training.TrainAsync(SyntheticDeals.Generate(20_000, seed: 1), ModelTask.Conversion, "deal won", new LearningOptions(Folds: 2, Learners: [Learner.FastTree]));
        var model = trained.Model;
        var rows = SyntheticDeals.Generate(count, seed: 2).Rows;
        var trees = (TreeEnsemble)model.Predictor;
        Console.WriteLine($"model: {trees.Trees.Length} trees, up to {trees.Trees.Max(t => t.LeafValue.Length)} leaves, depth up to {trees.Trees.Max(t => t.Depth)}; {count:N0} rows; load {MachineLoad.Average()}");

        var features = new float[model.Encoding.Width];
        for (var round = 1; round <= rounds; round++)
        {
            var sum = 0.0;
            var watch = Stopwatch.StartNew();
            foreach (var row in rows)
            {
                model.Encoding.Encode(row, features);
                sum += model.ScoreEncoded(features).Probability;
            }

            var scoring = watch.Elapsed;
            var explainCount = Math.Min(count, 20_000);
            watch.Restart();
            for (var i = 0; i < explainCount; i++)
            {
                sum += model.Explain(rows[i]).Baseline;
            }

            var explaining = watch.Elapsed;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"round {round}: {count / scoring.TotalSeconds,12:N0} scores/s without explanations; {explaining.TotalMicroseconds / explainCount,8:0.0} µs per explained score ({explainCount:N0}); load {MachineLoad.Average()} (checksum {sum:0})"));
        }
    }
}

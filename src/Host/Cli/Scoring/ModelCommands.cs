using System.CommandLine;
using System.Globalization;
using System.Text;
using Rapport.Application.Common.Csv;
using Rapport.Application.Scoring.History;
using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Models;
using Rapport.Application.Scoring.Tabular;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>`rapport scoring train|predict|models`: learned models, trained and kept on this node, every score explained.</summary>
internal static class ModelCommands
{
    public static Command Train()
    {
        var csv = new Option<FileInfo?>("--csv") { Description = "Learn from a UTF-8 CSV file with a header row instead (empty cells and NA are missing values); needs --label and --positive." };
        var label = new Option<string?>("--label") { Description = "With --csv: the column to learn to predict." };
        var positive = new Option<string?>("--positive") { Description = "With --csv: the label value that is the outcome to predict (e.g. yes)." };
        var drop = new Option<string[]>("--drop") { Description = "With --csv: columns not to learn from, comma-separated or repeated (e.g. an id column)." };
        var task = new Option<string?>("--task") { Description = "What to learn from the node's history: conversion (a deal is won; the default) or churn (a customer leaves: tagged churned)." };
        var seed = new Option<int>("--seed") { Description = "The seed of the folds and learners; the same rows and seed give the same model.", DefaultValueFactory = _ => LearningOptions.DefaultSeed };
        var command = new Command(
            "train",
            "Learn from the node's history, reading only contacts who consented to ai_training (each an audited decision): the chance that a deal " +
            "is won (--task conversion, the default) or that a customer leaves (--task churn); or, with --csv, learn one column of a CSV file " +
            "from the others. Boosted trees (FastTree, LightGBM) and a logistic-regression baseline, chosen by 5-fold cross-validated AUC; " +
            "prints AUC, accuracy and F1 and keeps the model.") { task, csv, label, positive, drop, seed };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var path = ctx.Parse.GetValue(csv);
            var dropped = (ctx.Parse.GetValue(drop) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var labelName = ctx.Parse.GetValue(label);
            var positiveValue = ctx.Parse.GetValue(positive);
            var taskName = ctx.Parse.GetValue(task);
            if (path is not null && taskName is not null)
            {
                return ctx.Fail(new Error(CliErrors.InvalidArguments, "--task chooses what to learn from the node's history; a CSV file's task is its --label", "task"));
            }

            ModelTask historyTask;
            switch (taskName?.Trim().ToLowerInvariant())
            {
                case null or "conversion":
                    historyTask = ModelTask.Conversion;
                    break;
                case "churn":
                    historyTask = ModelTask.Churn;
                    break;
                default:
                    return ctx.Fail(new Error(CliErrors.InvalidArguments, $"'{taskName}' is not a task; use conversion or churn", "task"));
            }

            if (path is null && (labelName is not null || positiveValue is not null || dropped.Count > 0))
            {
                return ctx.Fail(new Error(CliErrors.InvalidArguments, "--label, --positive and --drop describe a CSV file: give it with --csv", "csv"));
            }

            if (path is not null && (labelName is null || positiveValue is null))
            {
                return ctx.Fail(new Error(CliErrors.MissingOption, "learning from a CSV file needs --label COLUMN and --positive VALUE", labelName is null ? "label" : "positive"));
            }

            if (path is { Exists: false })
            {
                return ctx.Fail(new Error(CliErrors.FileNotFound, $"{path.FullName} does not exist", "csv"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var training = new ModelTraining(node.Learner, node.Clock, node.Ids);
            Result<ModelCard> trained;
            if (path is null)
            {
                var useCase = new TrainFromHistory(node.UnitOfWork, node.Clock, node.Gate, training);
                trained = await WithProgressAsync(ctx, progress => useCase.ExecuteAsync(historyTask, PurposeOption.Actor, ctx.Value(seed), progress, ct)).ConfigureAwait(false);
            }
            else
            {
                var request = new TabularTrainingRequest(labelName!, positiveValue!, dropped, ctx.Value(seed));
                var useCase = new TrainTabularModel(training, node.UnitOfWork);
                await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
                trained = await WithProgressAsync(ctx, progress => useCase.ExecuteAsync(stream, request, PurposeOption.Actor, progress, ct)).ConfigureAwait(false);
            }

            if (trained.IsFailure)
            {
                return ctx.Fail(trained.Error);
            }

            Write(ctx, trained.Value, "trained");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Predict()
    {
        var model = new Option<string>("--model") { Required = true, Description = "The model's id (`rapport scoring models list`)." };
        var csv = new Option<FileInfo>("--csv") { Required = true, Description = "A UTF-8 CSV file with the model's columns (others are ignored)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the scores to this CSV file (replaced if it exists) instead of standard output." };
        var command = new Command(
            "predict",
            "Score every row of a CSV file with a model: probability, raw score, and the three reasons that pushed it most up and down " +
            "(each column's contribution; with the baseline they sum to the raw score).") { model, csv, output };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var id = ParseId(ctx.Value(model));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            var path = ctx.Value(csv);
            if (!path.Exists)
            {
                return ctx.Fail(new Error(CliErrors.FileNotFound, $"{path.FullName} does not exist", "csv"));
            }

            var target = ctx.Parse.GetValue(output);
            if (target?.Directory is { Exists: false })
            {
                return ctx.Fail(new Error(CliErrors.DirectoryNotFound, $"the directory {target.Directory.FullName} does not exist", "out"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            Result<IReadOnlyList<TabularPrediction>> predicted;
            await using (var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
            {
                predicted = await new PredictTabular(new ModelCatalog(node.UnitOfWork)).ExecuteAsync(id.Value, stream, ct).ConfigureAwait(false);
            }

            if (predicted.IsFailure)
            {
                return ctx.Fail(predicted.Error);
            }

            if (target is not null)
            {
                // Written next to the target and moved in one step: a failure never leaves half a file.
                var temporary = target.FullName + ".partial";
                await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false), 64 * 1024))
                {
                    await WriteCsvAsync(writer, predicted.Value, ct).ConfigureAwait(false);
                }

                File.Move(temporary, target.FullName, overwrite: true);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(predicted.Value.Select(PredictionJson.Of));
            }
            else if (target is null)
            {
                await WriteCsvAsync(Console.Out, predicted.Value, ct).ConfigureAwait(false);
            }

            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {predicted.Value.Count:N0} rows with model {id.Value}{(target is null ? "" : $" into {target.FullName}")}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Models()
    {
        var group = new Command("models", "The models trained on this node, each with its card (hashes of its data, features and bytes; metrics; no personal data).");
        var list = new Command("list", "Every model, newest first.");
        CliAction.Set(list, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var cards = await new ModelCatalog(node.UnitOfWork).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(cards.Select(ModelCardJson.Of));
                return ExitCodes.Ok;
            }

            if (cards.Count == 0)
            {
                ctx.Console.MarkupLine("no models yet; `rapport scoring train --csv FILE --label COLUMN --positive VALUE` trains one");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "Task", "Learner", "Predicts", "AUC", "Rows", "Trained");
            foreach (var card in cards)
            {
                table.AddRow(
                    card.Id.ToString(), card.Task.ToString(), card.Learner.ToString(), Markup.Escape(card.Label),
                    card.Metrics.Auc.ToString("0.0000", CultureInfo.InvariantCulture), card.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    card.TrainedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        var id = new Argument<string>("ID") { Description = "The model's id." };
        var show = new Command("show", "A model's card.") { id };
        CliAction.Set(show, async (ctx, ct) =>
        {
            var modelId = ParseId(ctx.Value(id));
            if (modelId.IsFailure)
            {
                return ctx.Fail(modelId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var card = await new ModelCatalog(node.UnitOfWork).ShowAsync(modelId.Value, ct).ConfigureAwait(false);
            if (card.IsFailure)
            {
                return ctx.Fail(card.Error);
            }

            Write(ctx, card.Value, "model");
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(list);
        group.Subcommands.Add(show);
        return group;
    }

    internal static Result<ModelId> ParseId(string? text) =>
        ModelId.TryParse(text, out var id) ? id : new Error(ScoringErrors.ModelIdInvalid, $"'{text}' is not a model id (32 hex digits)", "model");

    private static async Task<Result<ModelCard>> WithProgressAsync(CliContext ctx, Func<IProgress<TrainingProgress>?, Task<Result<ModelCard>>> train)
    {
        if (ctx.Json)
        {
            return await train(null).ConfigureAwait(false);
        }

        if (Console.IsOutputRedirected)
        {
            return await train(new SyncProgress<TrainingProgress>(p => ctx.Error.WriteLine($"training: step {p.Step} of {p.Steps}, {p.Doing}"))).ConfigureAwait(false);
        }

        Result<ModelCard> result = default;
        await ctx.Console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("training", maxValue: 1);
            result = await train(new SyncProgress<TrainingProgress>(p =>
            {
                task.MaxValue = p.Steps;
                task.Value = p.Step - 1;
                task.Description = Markup.Escape(p.Doing);
            })).ConfigureAwait(false);
            task.Value = task.MaxValue;
        }).ConfigureAwait(false);
        return result;
    }

    private static void Write(CliContext ctx, ModelCard card, string what)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(ModelCardJson.Of(card));
            return;
        }

        ctx.Console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what} [bold]{card.Id}[/]: {card.Learner} predicting {Markup.Escape(card.Label)}, from {card.Rows:N0} rows ({card.Positives:N0} positive), in {card.TrainingTime.TotalSeconds:0.0} s"));
        var table = new Table().AddColumns("Learner", $"AUC ({card.Metrics.Folds}-fold)", "Accuracy", "F1");
        foreach (var candidate in card.Candidates.OrderByDescending(c => c.Metrics.Auc))
        {
            table.AddRow(
                candidate.Learner == card.Learner ? $"[bold]{candidate.Learner}[/] (chosen)" : candidate.Learner.ToString(),
                candidate.Metrics.Auc.ToString("0.0000", CultureInfo.InvariantCulture),
                candidate.Metrics.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture),
                candidate.Metrics.F1.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        ctx.Console.Write(table);
        ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"columns ({card.Columns.Length}): {Markup.Escape(string.Join(", ", card.Columns.Select(c => $"{c.Name} ({c.Kind.ToString().ToLowerInvariant()})")))}"));
        ctx.Console.MarkupLine($"seed {card.Seed}; trained {card.TrainedAt.ToString("u", CultureInfo.InvariantCulture)}");
        ctx.Console.MarkupLine($"data snapshot          {card.DataSnapshotHash}");
        ctx.Console.MarkupLine($"feature configuration  {card.FeatureConfigurationHash}");
        ctx.Console.MarkupLine($"model                  {card.ArtifactHash}");
    }

    private static async Task WriteCsvAsync(TextWriter writer, IReadOnlyList<TabularPrediction> predictions, CancellationToken ct)
    {
        var csv = new CsvWriter(writer);
        await csv.WriteAsync(["line", "probability", "raw_score", "baseline", "reasons_up", "reasons_down"], ct).ConfigureAwait(false);
        foreach (var prediction in predictions)
        {
            var explanation = prediction.Explanation;
            await csv.WriteAsync(
                [
                    prediction.Line.ToString(CultureInfo.InvariantCulture),
                    explanation.Score.Probability.ToString("0.######", CultureInfo.InvariantCulture),
                    explanation.Score.Raw.ToString("0.######", CultureInfo.InvariantCulture),
                    explanation.Baseline.ToString("0.######", CultureInfo.InvariantCulture),
                    Reasons(explanation.ReasonsUp),
                    Reasons(explanation.ReasonsDown),
                ],
                ct).ConfigureAwait(false);
        }

        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Reasons(IEnumerable<ColumnContribution> reasons) =>
        string.Join("; ", reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Column}={r.Value} ({r.Amount:+0.####;-0.####})")));

    private sealed record ModelCardJson(
        string Id, string Task, string Learner, string Label, IReadOnlyList<object> Columns, string DataSnapshot, string FeatureConfiguration, string Model,
        MetricsJson Metrics, IReadOnlyList<object> Candidates, int Rows, int Positives, int Seed, double TrainingSeconds, DateTimeOffset TrainedAt)
    {
        public static ModelCardJson Of(ModelCard card) => new(
            card.Id.ToString(), card.Task.ToString(), card.Learner.ToString(), card.Label,
            [.. card.Columns.Select(c => new { name = c.Name, kind = c.Kind.ToString().ToLowerInvariant() })],
            card.DataSnapshotHash, card.FeatureConfigurationHash, card.ArtifactHash, MetricsJson.Of(card.Metrics),
            [.. card.Candidates.Select(c => new { learner = c.Learner.ToString(), metrics = MetricsJson.Of(c.Metrics) })],
            card.Rows, card.Positives, card.Seed, Math.Round(card.TrainingTime.TotalSeconds, 3), card.TrainedAt);
    }

    private sealed record MetricsJson(double Auc, double Accuracy, double F1, int Folds)
    {
        public static MetricsJson Of(ModelMetrics metrics) => new(metrics.Auc, metrics.Accuracy, metrics.F1, metrics.Folds);
    }

    private sealed record PredictionJson(int Line, double Probability, double RawScore, double Baseline, IReadOnlyList<object> Contributions)
    {
        public static PredictionJson Of(TabularPrediction prediction) => new(
            prediction.Line,
            prediction.Explanation.Score.Probability,
            prediction.Explanation.Score.Raw,
            prediction.Explanation.Baseline,
            [.. prediction.Explanation.Contributions.Select(c => new { column = c.Column, value = c.Value.ToString(), contribution = c.Amount })]);
    }
}

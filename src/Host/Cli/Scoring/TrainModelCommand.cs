using System.CommandLine;
using Rapport.Application.Scoring.History;
using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Tabular;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring.Learning;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>`rapport scoring train`: a model learned from the node's history or a CSV table, cross-validated and kept.</summary>
internal static class TrainModelCommand
{
    public static Command Create()
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
            Result<ModelCard> trained;
            if (path is null)
            {
                var useCase = node.Get<TrainFromHistory>();
                trained = await WithProgressAsync(ctx, progress => useCase.ExecuteAsync(historyTask, PurposeOption.Actor, ctx.Value(seed), progress, ct)).ConfigureAwait(false);
            }
            else
            {
                var request = new TabularTrainingRequest(labelName!, positiveValue!, dropped, ctx.Value(seed));
                var useCase = node.Get<TrainTabularModel>();
                await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
                trained = await WithProgressAsync(ctx, progress => useCase.ExecuteAsync(stream, request, PurposeOption.Actor, progress, ct)).ConfigureAwait(false);
            }

            if (trained.IsFailure)
            {
                return ctx.Fail(trained.Error);
            }

            ModelCommands.Write(ctx, trained.Value, "trained");
            return ExitCodes.Ok;
        });
        return command;
    }

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
}

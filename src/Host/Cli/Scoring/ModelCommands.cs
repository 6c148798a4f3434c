using System.Globalization;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>What the model commands share: a model id from the command line, a model card on the console.</summary>
internal static class ModelCommands
{
    internal static Result<ModelId> ParseId(string? text) =>
        ModelId.TryParse(text, out var id) ? id : new Error(ScoringErrors.ModelIdInvalid, $"'{text}' is not a model id (32 hex digits)", "model");

    internal static void Write(CliContext ctx, ModelCard card, string what)
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
}

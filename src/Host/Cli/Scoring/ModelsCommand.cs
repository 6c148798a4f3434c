using System.CommandLine;
using System.Globalization;
using Rapport.Application.Scoring.Models;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>`rapport scoring models list|show`: the node's models and their cards.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var group = new Command("models", "The models trained on this node, each with its card (hashes of its data, features and bytes; metrics; no personal data).");
        var list = new Command("list", "Every model, newest first.");
        CliAction.Set(list, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var cards = await node.Get<ModelCatalog>().ListAsync(ct).ConfigureAwait(false);
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
            var modelId = ModelCommands.ParseId(ctx.Value(id));
            if (modelId.IsFailure)
            {
                return ctx.Fail(modelId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var card = await node.Get<ModelCatalog>().ShowAsync(modelId.Value, ct).ConfigureAwait(false);
            if (card.IsFailure)
            {
                return ctx.Fail(card.Error);
            }

            ModelCommands.Write(ctx, card.Value, "model");
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(list);
        group.Subcommands.Add(show);
        return group;
    }
}
